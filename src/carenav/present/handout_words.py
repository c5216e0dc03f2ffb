"""The handout's vocabulary: levels, conditions, languages, days and cost terms, each marked for translation."""

from __future__ import annotations

from carenav.present.i18n import N_

# Level codes of the shipped continuum, in the words a client reads.
LEVELS = {
    "0.5": N_("early intervention"),
    "1": N_("outpatient treatment (usually one or two sessions a week)"),
    "2.1": N_("intensive outpatient treatment (several sessions a week while living at home)"),
    "2.5": N_("partial hospitalization (treatment most of the day, going home at night)"),
    "3.1": N_("a low-intensity residential program"),
    "3.3": N_("a residential program for specific needs"),
    "3.5": N_("residential treatment"),
    "3.7": N_("medically monitored inpatient treatment"),
    "4": N_("hospital inpatient treatment"),
}
SHORT_LEVELS = {
    "0.5": N_("early intervention"),
    "1": N_("outpatient"),
    "2.1": N_("intensive outpatient"),
    "2.5": N_("partial hospitalization"),
    "3.1": N_("low-intensity residential"),
    "3.3": N_("residential"),
    "3.5": N_("residential"),
    "3.7": N_("inpatient"),
    "4": N_("hospital inpatient"),
}
CONDITIONS = {
    "anxiety": N_("anxiety"),
    "depression-and-mood": N_("depression and mood"),
    "trauma": N_("trauma"),
    "alcohol-use": N_("alcohol use"),
    "opioid-use": N_("opioid use"),
    "stimulant-use": N_("stimulant use"),
    "cannabis-use": N_("cannabis use"),
}
LANGUAGE_NAMES = {
    "english": N_("English"),
    "spanish": N_("Spanish"),
    "somali": N_("Somali"),
    "russian": N_("Russian"),
    "mandarin": N_("Mandarin"),
    "vietnamese": N_("Vietnamese"),
    "asl": N_("American Sign Language"),
}
# Plural on purpose: "meets Tuesdays and Thursdays".
WEEKDAYS = {
    "Mon": N_("Mondays"),
    "Tue": N_("Tuesdays"),
    "Wed": N_("Wednesdays"),
    "Thu": N_("Thursdays"),
    "Fri": N_("Fridays"),
    "Sat": N_("Saturdays"),
    "Sun": N_("Sundays"),
}
# Each cost term with the phrase that explains it, used wherever the term appears.
TERMS = {
    "deductible": N_(
        "deductible (what you pay each plan year before the plan starts to share the cost)"
    ),
    "coinsurance": N_("coinsurance (your share of each visit's cost, as a percentage)"),
    "copay": N_("copay (a set amount you pay for each visit)"),
    "out_of_pocket_max": N_(
        "out-of-pocket maximum (the most you pay in a plan year; after it, the plan pays in full)"
    ),
    "in_network": N_("in network (the program has an agreement with your plan)"),
    "out_of_network": N_("out of network (the program has no agreement with your plan)"),
    "balance_bill": N_(
        "balance bill (what an out-of-network program may charge you above what the plan allows)"
    ),
    "prior_authorization": N_(
        "prior authorization (the plan's approval, needed before the first day)"
    ),
    "sliding_scale": N_("sliding scale (a lower price based on household income)"),
}
