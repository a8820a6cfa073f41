
CALL-100010:25CALL-100010"ÀŞøÕ€»Ú(2enquiry:housingBcontact-centreJ25-44