"""Patent pages through the test client: forms, ownership, roles, bulk import, 权利状态."""

import json
import re
from datetime import date

import pytest

from app.auth.models import Role
from app.declarations.models import DeclarationStatus
from app.extensions import db
from app.patents.models import Patent
from tests.rows import count
from tests.uploads import post_file

# A real utility model from data/cn_patent_titles_ipc.csv.
FORM = {
    "publication_number": "CN215667380U",
    "kind": "utility_model",
    "title": "一种废水循环利用的自动洗车装置",
    "ipc_codes": "B60S; C02F",
    "legal_status": "granted",
    "filing_date": "2021-03-01",
}


def test_anonymous_is_sent_to_login(client):
    resp = client.get("/patents/")
    assert resp.status_code == 302 and "/auth/login" in resp.headers["Location"]


def test_new_patent_then_detail_shows_ipc_titles(login, make_user):
    client = login(make_user(Role.PATENTEE))
    assert client.get("/patents/new").status_code == 200
    resp = client.post("/patents/new", data=FORM)
    assert resp.status_code == 302
    detail = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "CN215667380U" in detail and "车辆保养、清洗" in detail  # B60S's Chinese title
    index = client.get("/patents/").get_data(as_text=True)
    assert "一种废水循环利用的自动洗车装置" in index


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"publication_number": "", "application_number": "202010123456.7"}, "校验位不正确"),
        ({"publication_number": ""}, "至少填写一个"),
        ({"ipc_codes": "B60S; X12Y"}, "X12Y"),
        ({"kind": "invention"}, "专利类型与号码不符"),
        ({"filing_date": "2021-02-30"}, "日期格式应为"),
        ({"title": ""}, "请填写专利名称"),
        ({"legal_status": ""}, "请选择法律状态"),
    ],
)
def test_new_patent_bad_input_shows_message_and_writes_nothing(login, make_user, changes, message):
    client = login(make_user(Role.PATENTEE))
    resp = client.post("/patents/new", data={**FORM, **changes})
    assert resp.status_code == 200 and message in resp.get_data(as_text=True)
    assert count(Patent) == 0


def test_duplicate_number_is_refused_on_the_form(login, make_user, make_patent):
    make_patent()  # CN111504366B
    client = login(make_user(Role.PATENTEE))
    data = {**FORM, "publication_number": "CN111504366B", "kind": "invention"}
    resp = client.post("/patents/new", data=data)
    assert "已在平台登记" in resp.get_data(as_text=True) and count(Patent) == 1


def test_edit_own_patent(login, make_patent):
    patent = make_patent()
    client = login(patent.owner)
    assert "CN111504366B" in client.get(f"/patents/{patent.id}/edit").get_data(as_text=True)
    data = {
        "publication_number": "CN111504366B",
        "title": "新名称",
        "legal_status": "lapsed",
        "kind": "invention",
    }
    assert client.post(f"/patents/{patent.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Patent, patent.id).title == "新名称"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/patents/{id}"),
        ("get", "/patents/{id}/edit"),
        ("post", "/patents/{id}/edit"),
        ("post", "/patents/{id}/encumbrance"),
    ],
)
def test_other_patentee_gets_403(login, make_user, make_patent, method, path):
    patent = make_patent()
    client = login(make_user(Role.PATENTEE))
    resp = getattr(client, method)(path.format(id=patent.id), data={**FORM, "title": "篡改"})
    assert resp.status_code == 403
    db.session.expire_all()
    assert db.session.get(Patent, patent.id).title != "篡改"


def test_missing_patent_is_404(login, make_user):
    client = login(make_user(Role.PATENTEE))
    assert client.get("/patents/999999").status_code == 404
    assert client.get("/patents/999999/edit").status_code == 404


@pytest.mark.parametrize(
    "path", ["/patents/", "/patents/new", "/patents/import", "/patents/import/template.csv"]
)
def test_enterprise_cannot_access(login, make_user, path):
    assert login(make_user(Role.ENTERPRISE)).get(path).status_code == 403


def test_enterprise_cannot_see_a_patent_but_operator_can(login, make_user, make_patent):
    patent = make_patent()
    assert login(make_user(Role.ENTERPRISE)).get(f"/patents/{patent.id}").status_code == 403
    assert login(make_user(Role.OPERATOR)).get(f"/patents/{patent.id}").status_code == 200


def _upload(client, name, content):
    return post_file(client, "/patents/import", name, content)


def test_import_csv_reports_rejected_rows_and_commits_good_ones(login, make_user):
    client = login(make_user(Role.PATENTEE))
    csv_text = (
        "publication_number,application_number,kind,title,ipc_codes,legal_status\r\n"
        "CN215667380U,,utility_model,一种废水循环利用的自动洗车装置,B60S|C02F,granted\r\n"
        ",202010123456.7,invention,一种测试装置,G06F,pending\r\n"
        "CN114081026A,,invention,一种水电站高压输电线路驱鸟保护装置,A01M;G06F;H02G,pending\r\n"
        "CN215792497U,,utility_model,一种膜纸自动化印刷技术生产线结构,B41F,granted,extra\r\n"
    )
    resp = _upload(client, "patents.csv", b"\xef\xbb\xbf" + csv_text.encode())
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "成功导入 2 条" in page
    assert "<td>2</td>" in page and "校验位不正确" in page
    assert "<td>4</td>" in page and "单元格多于表头" in page
    assert count(Patent) == 2


def test_import_json(login, make_user):
    client = login(make_user(Role.PATENTEE))
    row = {
        "publication_number": "CN215792497U",
        "title": "一种膜纸自动化印刷技术生产线结构",
        "legal_status": "granted",
    }
    page = _upload(client, "p.json", json.dumps([row]).encode()).get_data(as_text=True)
    assert "成功导入 1 条" in page and count(Patent) == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.csv", "title,publication_number\r\n一种装置,CN215792497U\r\n".encode("gbk"), "UTF-8"),
        ("p.csv", b"titel,publication_number\r\nx,CN215792497U\r\n", "未知的列"),
        ("p.csv", b"publication_number\r\nCN215792497U\r\n", "缺少列"),
        ("p.json", b'{"title": "x"}', "数组"),
        ("p.json", b"[{", "JSON 格式错误"),
        ("p.txt", b"x", "只支持 .csv 或 .json"),
    ],
)
def test_import_bad_files_show_a_message(login, make_user, name, content, message):
    client = login(make_user(Role.PATENTEE))
    resp = _upload(client, name, content)
    assert resp.status_code == 200 and message in resp.get_data(as_text=True)
    assert count(Patent) == 0


def test_template_has_headers_and_a_real_row_that_imports(login, make_user):
    client = login(make_user(Role.PATENTEE))
    resp = client.get("/patents/import/template.csv")
    assert resp.mimetype == "text/csv"
    lines = resp.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("application_number,publication_number,kind,title")
    assert len(lines) == 2 and "CN111504366B" in lines[1]
    assert "成功导入 1 条" in _upload(client, "t.csv", resp.get_data()).get_data(as_text=True)


def test_exclusive_licence_refused_on_the_page_while_declaration_published(
    login, make_patent, make_declaration
):
    patent = make_patent()
    make_declaration(patent=patent, status=DeclarationStatus.PUBLISHED)
    client = login(patent.owner)
    resp = client.post(
        f"/patents/{patent.id}/encumbrance", data={"enc-exclusive_licence_until": "2099-01-01"}
    )
    assert resp.status_code == 200 and "第五十一条第三款" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Patent, patent.id).exclusive_licence_until is None


def test_encumbrance_saved(login, make_patent):
    patent = make_patent()
    client = login(patent.owner)
    data = {
        "enc-exclusive_licence_until": "2030-01-01",
        "enc-pledged": "y",
        "enc-pledgee_consent_ref": "同意函-1",
    }
    assert client.post(f"/patents/{patent.id}/encumbrance", data=data).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Patent, patent.id)
    assert saved.exclusive_licence_until == date(2030, 1, 1) and saved.pledged


def test_forms_require_csrf(app, login, make_user):
    client = login(make_user(Role.PATENTEE))
    app.config["WTF_CSRF_ENABLED"] = True
    resp = client.post("/patents/new", data=FORM)
    assert resp.status_code in (200, 400) and count(Patent) == 0


def test_detail_suggests_ipc_when_none_recorded(client, login, make_user, make_patent):
    """A real Huawei patent from data/cn_patents_with_abstracts.jsonl (no number or IPC in that source,
    and not among the labelled titles the suggester learns from): a telecoms subclass H04x is suggested."""
    owner = make_user("patentee")
    patent = make_patent(
        owner=owner,
        publication_number=None,
        title="一种信号的发送方法及基站、用户设备",
        abstract="在一个子帧中为多个用户设备配置的参考信号的符号和数据的符号在子帧中的时域位置关系满足前提",
        ipc_codes=[],
    )
    html = login(owner).get(f"/patents/{patent.id}").get_data(as_text=True)
    assert 'id="ipc-suggestions"' in html
    assert re.search(r"<div>H04[A-Z] ", html), html


def test_detail_does_not_suggest_when_ipc_recorded(client, login, make_user, make_patent):
    owner = make_user("patentee")
    patent = make_patent(owner=owner)
    html = login(owner).get(f"/patents/{patent.id}").get_data(as_text=True)
    assert 'id="ipc-suggestions"' not in html
