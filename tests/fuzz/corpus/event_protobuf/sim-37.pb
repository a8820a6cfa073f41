
CALL-100014:39CALL-100014"¨ùÕ˜®ê§(2enquiry:council-taxBcontact-centreJ25-44