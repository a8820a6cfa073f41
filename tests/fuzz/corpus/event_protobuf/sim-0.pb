
CALL-100001:1CALL-100001"ò™øÕÐ ¦)(2enquiry:housingBcontact-centreJ16-24