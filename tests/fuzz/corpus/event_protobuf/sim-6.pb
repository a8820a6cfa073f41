
CALL-100003:7CALL-100003"¼¨øÕ¨ì±š(2enquiry:council-taxBcontact-centreJ45-64