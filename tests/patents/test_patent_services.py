"""Patent services: validation, create, duplicates, ownership, import, and the Art. 51(3) rule."""

from datetime import date, timedelta

import pytest

from app.auth.models import Role
from app.declarations.models import DeclarationStatus
from app.errors import Forbidden, NotFound, RuleViolation, ValidationFailed
from app.extensions import db
from app.patents.models import LegalStatus, Patent, PatentKind
from app.patents.services import (
    EXCLUSIVE_RULE,
    EncumbranceInput,
    create_patent,
    get_patent_for_viewer,
    import_patents,
    list_patents,
    record_encumbrance,
    require_patent_input,
    update_patent,
    validate_patent_input,
)
from tests.rows import count

pytestmark = pytest.mark.usefixtures("app")

# Real patents from data/cn_patent_titles_ipc.csv.
WASTEWATER_WASH = {
    "publication_number": "CN215667380U",
    "kind": "utility_model",
    "title": "一种废水循环利用的自动洗车装置",
    "ipc_codes": ["B60S", "C02F"],
    "legal_status": "granted",
}
BIRD_GUARD = {
    "publication_number": "CN114081026A",
    "kind": "invention",
    "title": "一种水电站高压输电线路驱鸟保护装置",
    "ipc_codes": "A01M|G06F|H02G",
    "legal_status": "pending",
}


def test_validate_good_record_normalises():
    inp, errors = validate_patent_input(
        {**BIRD_GUARD, "publication_number": " cn114081026a ", "ipc_codes": "a01m; G06F 16/00", "kind": ""}
    )
    assert errors == {}
    assert inp.publication_number == "CN114081026A"
    assert inp.kind == PatentKind.INVENTION  # implied by the kind code A
    assert inp.ipc_codes == ("A01M", "G06F 16/00")
    assert inp.legal_status == LegalStatus.PENDING


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"publication_number": ""}, "application_number", "至少填写一个"),
        ({"application_number": "202010123456.7"}, "application_number", "校验位不正确"),
        ({"publication_number": "CN114081026"}, "publication_number", "格式不正确"),
        ({"kind": "utility_model"}, "kind", "专利类型与号码不符"),
        ({"kind": "gadget"}, "kind", "专利类型应为"),
        ({"application_number": "202120000005.X"}, "kind", "申请号表明为实用新型"),  # A says invention
        ({"title": "  "}, "title", "请填写专利名称"),
        ({"title": "长" * 501}, "title", "不能超过 500"),
        ({"ipc_codes": "A01M|Z99Z"}, "ipc_codes", "Z99Z"),
        ({"legal_status": ""}, "legal_status", "请选择法律状态"),
        ({"legal_status": "alive"}, "legal_status", "alive"),
        ({"filing_date": "2021-13-01"}, "filing_date", "2021-13-01"),
        (
            {"filing_date": "2021-06-01", "grant_date": "2021-01-01", "legal_status": "granted"},
            "grant_date",
            "早于",
        ),
        ({"grant_date": "2022-01-01"}, "grant_date", "审查中"),
        ({**WASTEWATER_WASH, "legal_status": "pending"}, "legal_status", "授权公告号"),
    ],
)
def test_validate_bad_records(changes, field, reason):
    inp, errors = validate_patent_input({**BIRD_GUARD, **changes})
    assert inp is None
    assert reason in errors[field]


def test_validate_accepts_chinese_labels_and_spreadsheet_dates():
    inp, errors = validate_patent_input(
        {**WASTEWATER_WASH, "kind": "实用新型", "legal_status": "授权有效", "filing_date": "2021/3/5"}
    )
    assert errors == {} and inp.filing_date == date(2021, 3, 5) and inp.kind == PatentKind.UTILITY_MODEL


def test_create_and_refuse_duplicate(make_user):
    owner, other = make_user(Role.PATENTEE), make_user(Role.PATENTEE)
    patent = create_patent(owner, require_patent_input(WASTEWATER_WASH))
    db.session.commit()
    assert patent.id and patent.owner_id == owner.id and patent.ipc_codes == ["B60S", "C02F"]
    with pytest.raises(ValidationFailed) as err:
        create_patent(other, require_patent_input({**WASTEWATER_WASH, "publication_number": "cn215667380u"}))
    assert "已在平台登记" in err.value.fields["publication_number"]
    db.session.rollback()
    assert count(Patent) == 1


def test_enterprise_cannot_create(make_user):
    with pytest.raises(Forbidden):
        create_patent(make_user(Role.ENTERPRISE), require_patent_input(WASTEWATER_WASH))


def test_update_checks_owner_and_duplicates(make_user, make_patent):
    owner, stranger = make_user(Role.PATENTEE), make_user(Role.PATENTEE)
    mine = make_patent(owner=owner)  # CN111504366B
    other = create_patent(owner, require_patent_input(WASTEWATER_WASH))
    db.session.commit()
    renamed = require_patent_input(
        {"publication_number": "CN111504366B", "title": "新名称", "legal_status": "granted"}
    )
    with pytest.raises(Forbidden):
        update_patent(stranger, mine.id, renamed)
    with pytest.raises(ValidationFailed) as err:
        update_patent(owner, other.id, renamed)  # the number belongs to another record
    assert "已在平台登记" in err.value.fields["publication_number"]
    db.session.rollback()
    assert update_patent(owner, mine.id, renamed).title == "新名称"  # its own number is no duplicate
    with pytest.raises(NotFound):
        update_patent(owner, 999_999, renamed)


def test_viewer_rules(make_user, make_patent):
    patent = make_patent()
    assert get_patent_for_viewer(make_user(Role.OPERATOR), patent.id) is patent
    assert get_patent_for_viewer(patent.owner, patent.id) is patent
    with pytest.raises(Forbidden):
        get_patent_for_viewer(make_user(Role.PATENTEE), patent.id)


def test_list_is_own_for_patentee_and_all_for_operator(make_user, make_patent):
    owner = make_user(Role.PATENTEE)
    make_patent(owner=owner)
    make_patent(publication_number="CN215792497U", kind=PatentKind.UTILITY_MODEL)
    assert list_patents(owner).total == 1
    page = list_patents(make_user(Role.OPERATOR), page=5, per_page=1)
    assert (page.total, page.pages, page.page, len(page.items)) == (2, 2, 2, 1)
    with pytest.raises(Forbidden):
        list_patents(make_user(Role.ENTERPRISE))


def test_import_commits_good_rows_and_reports_bad_ones(make_user, make_patent):
    owner = make_user(Role.PATENTEE)
    make_patent()  # CN111504366B is already on the platform
    rows = [
        WASTEWATER_WASH,
        {**BIRD_GUARD, "application_number": "202010123456.7"},
        {
            "publication_number": "CN111504366B",
            "title": "基于人工智能的流体输送系统精确计量方法及计量装置",
            "legal_status": "granted",
        },
        {},  # a blank line keeps its number
        {**WASTEWATER_WASH, "title": "重复"},
        "not an object",
        BIRD_GUARD,
    ]
    report = import_patents(owner, rows)
    db.session.commit()
    assert [p.publication_number for p in report.imported] == ["CN215667380U", "CN114081026A"]
    rejected = {r.row: r for r in report.rejected}
    assert sorted(rejected) == [2, 3, 5, 6]
    assert "校验位不正确" in rejected[2].errors["application_number"]
    assert "已在平台登记" in rejected[3].errors["publication_number"]
    assert "第 1 行重复" in rejected[5].errors["publication_number"]
    assert rejected[6].reasons
    assert count(Patent) == 3


@pytest.mark.parametrize("rows", [[], [WASTEWATER_WASH] * 2001])
def test_import_refuses_empty_or_huge(make_user, rows):
    with pytest.raises(ValidationFailed):
        import_patents(make_user(Role.PATENTEE), rows)


def test_exclusive_licence_refused_while_open_licence_published(make_patent, make_declaration):
    patent = make_patent()
    make_declaration(patent=patent, status=DeclarationStatus.PUBLISHED)
    today = date(2026, 5, 1)
    with pytest.raises(RuleViolation) as err:
        record_encumbrance(
            patent.owner, patent.id, EncumbranceInput(exclusive_licence_until=today), today=today
        )
    assert err.value.rule == EXCLUSIVE_RULE and "第五十一条第三款" in err.value.message
    db.session.rollback()
    assert db.session.get(Patent, patent.id).exclusive_licence_until is None
    # A licence that ended before today is history, not a licence in force.
    past = EncumbranceInput(exclusive_licence_until=today - timedelta(days=1))
    assert (
        record_encumbrance(patent.owner, patent.id, past, today=today).exclusive_licence_until
        == past.exclusive_licence_until
    )


@pytest.mark.parametrize("status", [DeclarationStatus.DRAFT, DeclarationStatus.WITHDRAWN])
def test_exclusive_licence_allowed_without_published_declaration(make_patent, make_declaration, status):
    patent = make_patent()
    make_declaration(patent=patent, status=status)
    until = date(2030, 1, 1)
    inp = EncumbranceInput(
        exclusive_licence_until=until, pledged=True, pledgee_consent_ref="质押同意 2025-001"
    )
    result = record_encumbrance(patent.owner, patent.id, inp, today=date(2026, 1, 1))
    assert result.exclusive_licence_until == until and result.pledged


def test_encumbrance_owner_only_and_consistent(make_user, make_patent):
    patent = make_patent()
    with pytest.raises(Forbidden):
        record_encumbrance(make_user(Role.PATENTEE), patent.id, EncumbranceInput(ownership_dispute=True))
    with pytest.raises(ValidationFailed) as err:
        record_encumbrance(patent.owner, patent.id, EncumbranceInput(pledgee_consent_ref="X-1"))
    assert "pledgee_consent_ref" in err.value.fields


def test_oversized_import_file_is_refused():
    from app.patents.importing import MAX_IMPORT_BYTES
    from app.patents.services import parse_import_file

    with pytest.raises(ValidationFailed, match="文件过大"):
        parse_import_file("p.csv", b"x" * (MAX_IMPORT_BYTES + 1))


@pytest.mark.parametrize(
    ("code", "expected"),
    [("B60S", "车辆保养"), ("G01F 1/00", "流量"), ("A01F", "禾秆"), ("Z99Z", "")],
)
def test_ipc_titles_from_the_data_file(code, expected):
    from app.patents.ipc import ipc_title

    title = ipc_title(code)
    assert expected in title if expected else title == ""
