
VIS-100028:84
VIS-100028"ß‘ùÕðÃ×«(2enquiry:council-taxB	town-hallJ16-24