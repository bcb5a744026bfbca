"""What a pyvo user of an archive with accounts does, against a running service:
python3 pyvo_auth_check.py BASE_URL TOKEN USER PASSWORD (TOKEN names another user than USER).

Exits non-zero, naming the failed expectation, when pyvo and the service disagree.
"""
import sys

import pyvo
import pyvo.auth
import requests

QUERY = "SELECT TOP 3 id, ra, dec FROM science.sources ORDER BY id"


def main(url, token, user, password):
    # HTTP Basic the way pyvo chooses it: from the securityMethod the capabilities declare
    basic = pyvo.auth.AuthSession()
    basic.credentials.set_password(user, password)
    as_user = pyvo.dal.TAPService(url, session=basic)
    users_job = check_sync_and_async(as_user, basic, user)

    # a bearer token, sent on every request of the session
    bearer = requests.Session()
    bearer.headers["Authorization"] = "Bearer " + token
    as_token = pyvo.dal.TAPService(url, session=bearer)
    subject = bearer.get(users_job.url + "/owner", timeout=30)
    assert subject.status_code == 404, f"another user reached the job: {subject.status_code}"
    tokens_job = check_sync_and_async(as_token, bearer, None)
    assert users_job.job_id not in [job.jobid for job in as_token.get_job_list()], "the list shows others' jobs"

    anonymous = requests.get(tokens_job.url, timeout=30)
    assert anonymous.status_code == 404, f"an anonymous caller reached the job: {anonymous.status_code}"
    users_job.delete()
    tokens_job.delete()
    print("pyvo with authentication: all checks passed")


def check_sync_and_async(service, session, owner):
    rows = service.run_sync(QUERY).to_table()
    assert len(rows) == 3, f"run_sync gave {len(rows)} rows"
    rows = service.run_async(QUERY).to_table()
    assert len(rows) == 3, f"run_async gave {len(rows)} rows"

    job = service.submit_job(QUERY)
    job.run()
    job.wait(phases=["COMPLETED", "ERROR", "ABORTED"], timeout=60)
    assert job.phase == "COMPLETED", job.phase
    assert len(job.fetch_result()) == 3
    named = session.get(job.url + "/owner", timeout=30).text
    assert named and (owner is None or named == owner), f"the job's owner is '{named}'"
    assert job.job_id in [listed.jobid for listed in service.get_job_list()], "the owner's list lacks the job"
    return job


if __name__ == "__main__":
    main(*sys.argv[1:5])
