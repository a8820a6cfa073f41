
CALL-100008:20CALL-100008"ÒÎøÕ€Íª˜(2enquiry:housingBcontact-centreJ25-44