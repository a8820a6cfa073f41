
CALL-100013:36CALL-100013"¦ˆùÕ˜íÀ¨(2enquiry:planningBcontact-centreJ65+