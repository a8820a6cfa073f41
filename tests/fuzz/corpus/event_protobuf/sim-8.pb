
CALL-100004:9CALL-100004"³øÕ¸Èì™(2	complaint:housingBcontact-centreJ25-44