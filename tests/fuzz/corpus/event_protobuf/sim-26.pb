
CALL-100011:29CALL-100011"€аш’р„о≤(2enquiry:housingBcontact-centreJ65+