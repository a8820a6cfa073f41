
CALL-100007:18CALL-100007"“ÍøÕ°Ô«(2enquiry:council-taxBcontact-centreJ45-64