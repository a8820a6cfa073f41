
CALL-100009:22CALL-100009"ÚİøÕØÀ„À(2enquiry:parkingBcontact-centreJ16-24