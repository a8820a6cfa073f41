
EML-100025:75
EML-100025"ÜŽùÕà·Ü+(2enquiry:housingBcontact-centreJ25-44