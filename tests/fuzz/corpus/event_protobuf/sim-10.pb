
CALL-100005:11CALL-100005"ºøÕ°®®K(2enquiry:council-taxBcontact-centreJ65+