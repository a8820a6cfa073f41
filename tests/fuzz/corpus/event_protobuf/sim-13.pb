
CALL-100006:14CALL-100006"¡ÌøÕÈîš (2enquiry:council-taxBcontact-centreJ25-44