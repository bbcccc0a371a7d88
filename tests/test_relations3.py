"""Relations (positions, promotes, participates) on passages written for these
tests, in the genre of ministry meeting reports, briefings and interviews."""
from __future__ import annotations

from .conftest import analyze_text


def relations(ex, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in ex.relations if r.predicate == predicate}


def took_part(ex, event: str) -> set[str]:
    return {s for s, o in relations(ex, "participatesIn") if o == event}


def test_attending_the_meeting_stands_for_a_symposium_held_before():
    text = ("农业农村部召开第三次种业企业座谈会\n"
            "3月5日，农业农村部党组书记、部长王立军主持召开第三次种业企业座谈会，听取企业意见建议。"
            "部党组成员、副部长陈海涛，总农艺师李文出席会议。\n"
            "会议强调，要全面落实中央农村工作会议和全国种业振兴推进大会部署。\n"
            "农业农村部相关司局负责同志参加会议。\n")
    ex = analyze_text(text, issued="2023-03-06")
    assert {"王立军", "陈海涛", "李文"} <= took_part(ex, "第三次种业企业座谈会")
    # 落实…大会部署 cites the conference: nobody here took part in it
    assert took_part(ex, "全国种业振兴推进大会") == set()

