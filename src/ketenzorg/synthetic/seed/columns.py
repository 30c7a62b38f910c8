"""The raw row layout the seed writes: one column tuple per table, in the models' column order.

The seed bypasses the ORM for speed, so these tuples must follow the models; the tests insert
through them to catch a new required column (`tests/synthetic/test_seed.py`).
"""

from __future__ import annotations

from ketenzorg.synthetic.cases import CASE_COLUMNS

# Column order of the row tuples the steps build; must match the models.
COLUMNS = {
    table: tuple(columns.split())
    for table, columns in {
        "network_district": "id uuid created_at updated_at name kind parent_id postcode_prefixes",
        "network_organisation": "id uuid created_at updated_at name kind domains district_id email phone is_active",
        "network_team": "id uuid created_at updated_at organisation_id name district_id",
        "accounts_user": "id password last_login is_superuser username first_name last_name email is_staff is_active date_joined uuid",
        "network_professional": "id uuid created_at updated_at user_id first_name last_name email phone organisation_id team_id is_active "
        "available_for_consultation availability_note available_from",
        "network_roleassignment": "id professional_id role",
        "network_professional_areas": "id professional_id district_id",
        "network_professional_expertise": "id professional_id expertisetag_id",
        "network_institution": "id uuid created_at updated_at name kind district_id address jgz_contact_id",
        "families_family": "id uuid created_at updated_at name postcode house_number district_id registered_by_id",
        "families_person": "id uuid created_at updated_at family_id given_name family_name birthdate role has_parental_authority bsn_encrypted bsn_lookup bsn_last4",
        "families_involvement": "id uuid created_at updated_at family_id person_id professional_id organisation_id capacity started_on ended_on",
        "access_emergencyaccess": "id uuid user_id family_id reason granted_at expires_at",
        "access_emergencyaccessreview": "id uuid grant_id reviewed_by_id reviewed_at note",
        "werkproces_werkproces": "id uuid created_at updated_at case_id step stopped_from version started_by_id",
        "werkproces_stepevaluation": "id uuid werkproces_id step version yielded_enough summary recorded_by_id recorded_at",
        "werkproces_transition": "id uuid werkproces_id seq kind from_step to_step actor_id occurred_at reason "
        "evaluation_id team_decision ajh_with_family ajh_meedenker_id ajh_participants",
        "consent_consent": "id uuid created_at updated_at family_id child_id purpose recipient_organisation_id "
        "recipient_role parts child_consented given_at method recorded_by_id withdrawn_at withdrawn_by_id "
        "withdrawal_recorded_by_id withdrawal_note",
        "consent_consent_given_by": "id consent_id person_id",
        "werkproces_consultation": "id uuid created_at updated_at werkproces_id kind scope asked_by_id meedenker_id "
        "expertise_id question summary expects_of_meedenker expects_of_professional identified shared_parts "
        "starts_at ends_at access_until",
        "werkproces_consultation_consents": "id consultation_id consent_id",
        "werkproces_finding": "id uuid consultation_id text written_by_id written_at",
        "werkproces_consultationevaluation": "id uuid consultation_id what_it_yielded can_continue_with_existing "
        "additional_care_clear additional_care_which meedenker_took_part recorded_by_id recorded_at",
        "aanbod_programme": "id uuid created_at updated_at provider_id name description audience min_age max_age "
        "location schedule access_route costs languages contact_phone contact_email website waiting_weeks "
        "waiting_confirmed_on capacity internal_notes internal_contact ijw_category status name_terms sort_name "
        "search_terms",
        "verwijzing_perspectiefplanversion": "id uuid created_at updated_at case_id number family_question "
        "analysis agreements status written_by_id family_agreed_on family_agreement definitive_at definitive_by_id",
        "verwijzing_voorziening": "id uuid created_at updated_at case_id child_id form ijw_category product_code "
        "volume unit frequency starts_on ends_on note status created_by_id version",
        "verwijzing_voorzieningchange": "id uuid voorziening_id version snapshot status changed_by_id changed_at reason",
        "verwijzing_referral": "id uuid created_at updated_at case_id child_id voorziening_id stadsdeel_id "
        "referred_by_id status request_kind requested_programme_id form matched_programme_id provider_id match_note "
        "assignment_number sent_at matched_at forwarded_at accepted_at first_contact_at care_started_on "
        "care_ended_on version",
        "verwijzing_referralevent": "id uuid referral_id seq action party from_status to_status actor_id "
        "organisation_id occurred_at reason",
        "aanbod_programme_topics": "id programme_id topic_id",
        "aanbod_programme_districts": "id programme_id district_id",
    }.items()
} | CASE_COLUMNS
# The network's tables in foreign-key order: the order they are written in.
NETWORK_TABLES = (
    "network_district",
    "network_organisation",
    "network_team",
    "accounts_user",
    "network_professional",
    "network_roleassignment",
    "network_professional_areas",
    "network_professional_expertise",
    "network_institution",
)
# The werkproces step's tables in foreign-key order (seed/werkproces.py).
WERKPROCES_TABLES = (
    "werkproces_werkproces",
    "werkproces_stepevaluation",
    "werkproces_transition",
    "consent_consent",
    "consent_consent_given_by",
    "werkproces_consultation",
    "werkproces_consultation_consents",
    "werkproces_finding",
    "werkproces_consultationevaluation",
)
# The catalogue step's tables in foreign-key order (seed/aanbod.py): its own welfare providers first.
AANBOD_TABLES = (
    "network_organisation",
    "aanbod_programme",
    "aanbod_programme_topics",
    "aanbod_programme_districts",
)
