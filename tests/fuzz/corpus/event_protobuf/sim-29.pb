
CALL-100012:33CALL-100012"ำ๚๘ี‘ดี(2enquiry:wasteBcontact-centreJ45-64