
CALL-100011:32CALL-100011"……ùÕ€Ý…î(2enquiry:housingBcontact-centreJ65+`