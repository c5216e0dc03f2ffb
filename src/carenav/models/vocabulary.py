"""The words a program directory uses: each facet's options, with a one-line plain description.

Options are short lowercase tokens (``cbt``, ``sliding-scale``) so a directory file can
be edited by hand; the apps show the description beside each one. The codes follow
FindTreatment.gov's where it has one (SAMHSA's N-SUMHSS service codes): CO co-occurring, VET,
GL LGBTQ, AD adolescents, WN women, PW pregnant women, TELE telehealth.
"""

from __future__ import annotations

from enum import StrEnum


class Population(StrEnum):
    """Who a program serves: an age group or a specific group of people."""

    ADULTS = "adults"
    ADOLESCENTS = "adolescents"
    YOUNG_ADULTS = "young-adults"
    OLDER_ADULTS = "older-adults"
    WOMEN = "women"
    MEN = "men"
    PREGNANT_WOMEN = "pregnant-women"
    VETERANS = "veterans"
    LGBTQ = "lgbtq"


AGE_GROUPS = (Population.ADULTS, Population.ADOLESCENTS)


class Track(StrEnum):
    """A treatment track: substance use, mental health, both together, or a named specialty."""

    SUBSTANCE_USE = "substance-use"
    MENTAL_HEALTH = "mental-health"
    CO_OCCURRING = "co-occurring"
    ANXIETY_AND_SUBSTANCE_USE = "anxiety-and-substance-use"
    TRAUMA_AND_SUBSTANCE_USE = "trauma-and-substance-use"
    DEPRESSION = "depression"
    EATING_DISORDERS = "eating-disorders"


class Need(StrEnum):
    """What the client needs treatment for; decides which tracks are shown."""

    SUBSTANCE_USE = "substance-use"
    MENTAL_HEALTH = "mental-health"
    CO_OCCURRING = "co-occurring"


class Condition(StrEnum):
    """A condition a program treats."""

    ANXIETY = "anxiety"
    DEPRESSION_AND_MOOD = "depression-and-mood"
    TRAUMA = "trauma"
    ALCOHOL_USE = "alcohol-use"
    OPIOID_USE = "opioid-use"
    STIMULANT_USE = "stimulant-use"
    CANNABIS_USE = "cannabis-use"


class Therapy(StrEnum):
    """A therapy or medication service a program offers."""

    CBT = "cbt"
    DBT = "dbt"
    MOTIVATIONAL_INTERVIEWING = "motivational-interviewing"
    TWELVE_STEP = "twelve-step-facilitation"
    MATRIX_MODEL = "matrix-model"
    CONTINGENCY_MANAGEMENT = "contingency-management"
    MOUD_ON_SITE = "moud-on-site"
    MAUD_ON_SITE = "maud-on-site"


class Holistic(StrEnum):
    """A holistic option offered beside therapy."""

    YOGA = "yoga"
    MEDITATION = "meditation"
    ART_THERAPY = "art-therapy"
    NUTRITION_COUNSELING = "nutrition-counseling"


class Format(StrEnum):
    """How sessions are attended."""

    IN_PERSON = "in-person"
    TELEHEALTH = "telehealth"
    HYBRID = "hybrid"


class TimeOfDay(StrEnum):
    """When in the day groups meet."""

    DAYTIME = "daytime"
    EVENING = "evening"


class OtherPayment(StrEnum):
    """Ways to pay besides a coverage plan, Medicare or Medicaid."""

    SELF_PAY = "self-pay"
    SLIDING_SCALE = "sliding-scale"
    PAYMENT_PLAN = "payment-plan"
    SCHOLARSHIP = "scholarship"


DESCRIPTIONS: dict[str, str] = {
    # populations
    "adults": "Programs for people 18 and older.",
    "adolescents": "Programs for teenagers, usually 12 to 17.",
    "young-adults": "A group for people about 18 to 25.",
    "older-adults": "A group for people about 60 and older.",
    "women": "A women-only group or program.",
    "men": "A men-only group or program.",
    "pregnant-women": "Care planned for pregnancy and after birth.",
    "veterans": "A group or program for veterans of the armed forces.",
    "lgbtq": "A group or program for lesbian, gay, bisexual, transgender and queer people.",
    # tracks and needs
    "substance-use": "Treatment for alcohol or drug use.",
    "mental-health": "Treatment for anxiety, depression, trauma and other mental-health conditions.",
    "co-occurring": "Integrated treatment for substance use and a mental-health condition together.",
    "anxiety-and-substance-use": "A track for people with anxiety and substance use together.",
    "trauma-and-substance-use": "A track for people with trauma and substance use together.",
    "depression": "A track focused on depression.",
    "eating-disorders": "A track for eating disorders.",
    # conditions
    "anxiety": "Anxiety, panic and worry that get in the way of daily life.",
    "depression-and-mood": "Depression, bipolar disorder and other mood conditions.",
    "trauma": "Trauma and PTSD.",
    "alcohol-use": "Alcohol use disorder.",
    "opioid-use": "Opioid use disorder (heroin, fentanyl, pain pills).",
    "stimulant-use": "Stimulant use disorder (methamphetamine, cocaine).",
    "cannabis-use": "Cannabis use disorder.",
    # therapies
    "cbt": "Cognitive behavioral therapy: changing thoughts and habits that keep problems going.",
    "dbt": "Dialectical behavior therapy: skills for strong emotions and crises.",
    "motivational-interviewing": "Conversations that build a person's own reasons to change.",
    "twelve-step-facilitation": "Help to join and use 12-step groups such as AA or NA.",
    "matrix-model": "A structured program for stimulant use (methamphetamine, cocaine).",
    "contingency-management": "Small rewards for meeting goals such as negative drug tests.",
    "moud-on-site": "Medication for opioid use disorder (e.g. buprenorphine) given on site.",
    "maud-on-site": "Medication for alcohol use disorder (e.g. naltrexone) given on site.",
    # holistic
    "yoga": "Yoga sessions as part of the program.",
    "meditation": "Meditation or mindfulness practice.",
    "art-therapy": "Art therapy with a trained therapist.",
    "nutrition-counseling": "Advice on eating well from a nutrition counselor.",
    # formats
    "in-person": "Sessions at the program's site.",
    "telehealth": "Sessions by video from home.",
    "hybrid": "Some sessions on site, some by video.",
    # times
    "daytime": "Groups during the working day.",
    "evening": "Groups after usual working hours.",
    # payment
    "medicare": "Accepts Original Medicare (Part B).",
    "medicaid": "Accepts Medicaid in the client's state.",
    "self-pay": "Accepts payment from the client directly.",
    "sliding-scale": "Charges less for households with lower income.",
    "payment-plan": "Lets the client pay over several months.",
    "scholarship": "Offers scholarships or free places.",
    # other must-haves
    "family-program": "Family sessions or a family education program.",
    "transportation-help": "Helps with rides or transit passes.",
    "parking": "Has parking on site.",
}


def describe(option: str) -> str:
    """The one-line plain description of an option, or '' for one without (plan ids, languages)."""
    return DESCRIPTIONS.get(str(option), "")


# Languages are an open list (a directory records whichever it has); most read as their code
# capitalized, these do not. The handout's translated names (present/handout_words.py) agree.
LANGUAGE_NAMES = {"asl": "American Sign Language"}


def language_name(code: str) -> str:
    """A language as a navigator reads it.

    >>> language_name("asl"), language_name("spanish")
    ('American Sign Language', 'Spanish')
    """
    text = str(code)
    return LANGUAGE_NAMES.get(text, text.capitalize())


def label(option: str) -> str:
    """How an option reads in a sentence: 'cbt' -> 'CBT', 'art-therapy' -> 'art therapy'."""
    special = {
        "cbt": "CBT",
        "dbt": "DBT",
        "moud-on-site": "medication for opioid use disorder on site",
        "maud-on-site": "medication for alcohol use disorder on site",
        "lgbtq": "LGBTQ+",
        "matrix-model": "the Matrix Model",
        "twelve-step-facilitation": "12-step facilitation",
        "in-person": "in person",
        "co-occurring": "co-occurring",
    }
    text = str(option)
    return special.get(text, text.replace("-", " "))
