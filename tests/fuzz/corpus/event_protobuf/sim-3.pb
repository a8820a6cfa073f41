
CALL-100002:4CALL-100002"¼žøÕø«“¥(2enquiry:housingBcontact-centreJ25-44