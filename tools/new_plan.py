"""Make the folder of a new plan: plans/<id>/ with an empty skeleton.

    make new-plan ID=<id>        (or: python tools/new_plan.py <id>)

The folder holds what a plan of the archive needs to be built (mkdocs.yml,
docs/, data/, record/), every word of the plan's own left as a placeholder:
"<<ĐIỀN: what to fill>>". Nothing is invented: no name, number, date or
sentence of any plan. The build refuses a placeholder left in any data file
or page (kehoach/core/data.py `check_placeholders`), naming the file and the
line and saying what to fill, so a half-filled plan is never published.

The id is the plan's address (/<id>/): lowercase ASCII letters, digits and
hyphens (kehoach/archive/model.py PLAN_ID). An id that exists already is
refused and nothing is ever overwritten. CONTRIBUTING.md, "Thêm một kế hoạch
mới", says what to fill and in which order.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # our package, when the tool runs outside the venv's editable install

from kehoach.archive.model import PLAN_ID, PLAN_ID_MAX, PLANS_FOLDER  # noqa: E402  (one rule for ids)
from kehoach.core.data import PLACEHOLDER  # noqa: E402  (the mark the build refuses)
from kehoach.readers import source  # noqa: E402  (the archive's address, read as the build reads it)


def fill(hint: str) -> str:
    """A placeholder: what to write in its place, in Vietnamese."""
    return f"<<ĐIỀN: {hint}>>"


def quoted(hint: str) -> str:
    """A placeholder as a YAML value (quoted: the YAML reader takes it as text)."""
    return f'"{fill(hint)}"'


# Hints written in more than one file: the same value goes in each place.
TABLE_ID = "mã của biểu chỉ tiêu, chữ thường không dấu nối bằng gạch ngang, giống trong data/indicators.yml"
TABLE_TITLE = "tên biểu chỉ tiêu đúng như bản ký"
PART_1 = "tiêu đề phần thứ nhất của Kế hoạch, đúng như bản ký"
PART_2 = "tiêu đề phần thứ hai của Kế hoạch, đúng như bản ký"
FIGURE_PAGE = "trang nêu con số, tính từ docs/, ví dụ phan-1/index.md"
FIGURE_ANCHOR = "mã của đoạn văn nêu con số, viết {: #ma-doan } sau đoạn đó trên trang"


def archive_site_url(root: Path) -> str:
    """The archive's address (site_url of the root mkdocs.yml), with a final slash."""
    url = source.archive_site_url(root)  # the one reader of it, as a plan's build uses
    if not url:
        raise SystemExit("mkdocs.yml (the archive's) has no site_url")
    return url.rstrip("/") + "/"


def schema_line(name: str) -> str:
    return f"# yaml-language-server: $schema=../../../schemas/{name}.schema.json\n"


def skeleton(plan_id: str, site_url: str) -> dict[str, str]:
    """Every file of the new plan's folder, by its path in the folder."""
    files: dict[str, str] = {}

    files["mkdocs.yml"] = f"""\
# Một kế hoạch của kho (tạo bằng make new-plan): tên, địa chỉ và các trang. Mọi thứ
# khác dùng chung (../../mkdocs-plan.yml). Điền mọi chỗ <<...>> rồi xóa ghi chú này.
# One plan of the archive, made by `make new-plan`: fill every placeholder.
INHERIT: ../../mkdocs-plan.yml
site_name: {quoted("tên đầy đủ của Kế hoạch, kèm cơ quan ban hành và tỉnh")}
site_description: >-
  {fill("một hoặc hai câu giới thiệu Kế hoạch, hiện trong kết quả tìm kiếm")}
site_author: {quoted("cơ quan ban hành Kế hoạch và tỉnh")}
# Địa chỉ của kế hoạch khi dựng riêng (make serve): địa chỉ của kho, rồi tên thư mục.
site_url: {site_url}{plan_id}/
copyright: {quoted("cơ quan ban hành — tên ngắn của Kế hoạch")}

extra:
  # Tên tệp PDF và bản ngoại tuyến trong /tai-ve/: chữ thường không dấu, nối bằng gạch
  # ngang. Đã xuất bản thì không bao giờ đổi (người đọc giữ và chia sẻ địa chỉ này).
  download_name: {quoted("tên tệp tải về, chữ thường không dấu nối bằng gạch ngang")}

# Các trang, theo thứ tự của Kế hoạch. Thêm trang mới ở đây và trong data/site.yml
# (plan_pages) khi chia một phần thành nhiều trang.
nav:
  - Trang chủ: index.md
  - phan-1/index.md
  - phan-2/index.md
  - bieu-mau.md
  - Chỉ số và số liệu: chi-so.md
  - Văn bản được trích dẫn: van-ban/index.md
  - Từ viết tắt: tu-viet-tat.md
  - Toàn văn để in: in-toan-van.md
  - Về trang này:
      - ve-trang-nay/ghi-chu-van-ban.md
"""

    # ---- data/ ----
    files["data/plan.yml"] = schema_line("plan") + f"""\
# Phần đầu văn bản, người ký và nơi nhận — chép đúng từng chữ như bản đã ký.
# The document's header, signer and recipients, word for word as signed.
number: {quoted("dòng số, ký hiệu văn bản, ví dụ Số: /KH-...")}
place_and_date: {quoted("địa danh và ngày tháng năm ban hành, dạng Địa danh, ngày ... tháng ... năm ...")}
kind: {quoted("tên loại văn bản, viết hoa như bản ký")}
title: {quoted("trích yếu nội dung của Kế hoạch")}
signer_title: {quoted("chức vụ người ký")}
signer_name: {quoted("họ tên người ký")}
recipients_heading: {quoted("dòng Nơi nhận như bản ký")}
# Mỗi nơi nhận một dòng, giữ nguyên dấu chấm phẩy như bản ký; thêm dòng nếu cần.
recipients:
  - {quoted("một nơi nhận, như bản ký")}
"""

    files["data/site.yml"] = schema_line("site") + f"""\
# Những tên riêng của kế hoạch này mà mã nguồn cần (kehoach/settings.py) và trang chủ
# của kho liệt kê. The plan-specific names the code and the archive's home page need.

# Tên tỉnh, không có chữ "tỉnh".
province: {quoted("tên tỉnh, không có chữ tỉnh")}

# Cơ quan ban hành và năm mà Kế hoạch dành cho (năm là số, không đặt trong ngoặc kép).
department: {quoted("cơ quan ban hành Kế hoạch, ví dụ Sở ...")}
year: {quoted("năm mà Kế hoạch dành cho, bốn chữ số, không ngoặc kép")}

# Văn bản đã ký (bản chữ) đặt trong thư mục record/: khi dựng trang, chữ của các trang
# Kế hoạch phải trùng từng chữ với tệp này (xem record/README.md).
record: {quoted("tệp văn bản đã ký trong record/, ví dụ record/ke-hoach-ban-ky.txt")}

# Các trang mang chính văn bản Kế hoạch (đã ký), tính từ docs/. Thêm tệp, thư mục
# khi chia Kế hoạch thành nhiều trang.
plan_pages:
  files: ["index.md", "bieu-mau.md"]
  folders: ["phan-1/", "phan-2/"]
"""

    files["data/home.yml"] = schema_line("home") + f"""\
# Trang chủ của Kế hoạch: lời giới thiệu, chỗ bắt đầu đọc và các con số chính.
# Chữ ở đây là chữ của trang web, trừ các con số: mỗi con số (value), tên chỉ số
# (label) và thứ hạng (detail) phải có đúng từng chữ trong trang được dẫn (link).
# The home page's words; every figure word for word on the page it links to.
intro:
  - >-
    {fill("đoạn giới thiệu: đây là Kế hoạch gì, của cơ quan nào, lập khi nào, ai ký")}

start:
  heading: "Bắt đầu đọc"
  id: bat-dau-doc
  items:
    - title: {quoted(PART_1)}
      text: {quoted("một câu nói phần thứ nhất có gì")}
      link: phan-1/index.md
    - title: {quoted(PART_2)}
      text: {quoted("một câu nói phần thứ hai có gì")}
      link: phan-2/index.md
    - title: {quoted(TABLE_TITLE)}
      text: {quoted("một câu nói biểu chỉ tiêu có gì")}
      link: bieu-mau.md
    - title: "Văn bản được trích dẫn"
      text: "Danh mục các văn bản mà Kế hoạch nhắc đến, kèm nơi nhắc đến."
      link: van-ban/index.md
    - title: "Chỉ số và số liệu"
      text: "Các chỉ số và con số Kế hoạch nêu, mỗi con số dẫn về đúng đoạn văn nêu nó."
      link: chi-so.md
    - title: "Từ viết tắt"
      text: "Nghĩa của các chữ viết tắt trong Kế hoạch."
      link: tu-viet-tat.md

figures:
  heading: {quoted("tiêu đề khối các con số chính")}
  id: chi-so-chinh
  items:
    - value: {quoted("con số, đúng từng chữ như trên trang được dẫn")}
      label: {quoted("tên chỉ số, đúng từng chữ như trên trang được dẫn")}
      detail: {quoted("thứ hạng hoặc ghi chú, đúng từng chữ như trên trang được dẫn")}
      link: {quoted(FIGURE_PAGE)}
"""

    files["data/abbreviations.yml"] = schema_line("abbreviations") + f"""\
# Từ viết tắt trong Kế hoạch: mỗi mục là một từ viết tắt, nghĩa đầy đủ và nguồn của nghĩa.
# source: plan (chính văn bản giải thích; chép đúng chữ), standard (thuật ngữ hành chính
# thông dụng, nghĩa chắc chắn), uncertain (chưa chắc nghĩa: KHÔNG ghi expansion).
# Mục nào không xuất hiện trong các trang Kế hoạch thì trang web không dựng được.
# Thêm một mục cho mỗi từ viết tắt. The plan's abbreviations, one entry each.
abbreviations:
  - abbr: {quoted("từ viết tắt, đúng như trong văn bản")}
    expansion: {quoted("nghĩa đầy đủ; xóa dòng này nếu source là uncertain")}
    source: {quoted("plan, standard hoặc uncertain, không ngoặc kép")}
"""

    files["data/register.yml"] = schema_line("register") + f"""\
# Danh mục văn bản được Kế hoạch trích dẫn — mỗi văn bản một mục. Chỉ ghi những gì
# Kế hoạch (hoặc ký hiệu văn bản) nêu rõ. Xem quy tắc đầy đủ ở đầu tệp này của một
# kế hoạch đã có (plans/*/data/register.yml) và trong schemas/register.schema.json.
# Register of the documents the plan cites: one entry per document.
documents:
  - id: {quoted("mã cố định: loại, năm, số ký hiệu viết thường không dấu nối bằng gạch ngang")}
    kind: {quoted("loại văn bản, đúng chữ Kế hoạch dùng trước số hiệu, ví dụ Quyết định")}
    number: {quoted("số, ký hiệu đúng như Kế hoạch viết")}

# Cụm từ trông giống trích dẫn nhưng không phải văn bản đã ban hành (dự thảo...):
# mỗi mục có phrase và reason. Để [] nếu không có.
not_citations: []
"""

    files["data/indicators.yml"] = schema_line("indicators") + f"""\
# Các biểu chỉ tiêu của Kế hoạch — chép đúng từng ô như bản đã ký. Ô để trống ghi null
# (không ghi 0); số ghi như số, không đặt trong ngoặc kép. Thêm cột, dòng như bản ký.
# Indicator tables of the plan, cell for cell as signed. An empty cell is null.
tables:
  - id: {quoted(TABLE_ID)}
    title: {quoted(TABLE_TITLE)}
    # Chú thích bảng do trang web viết (không phải lời của Kế hoạch).
    caption: {quoted("một câu nói bảng có gì, cho người dùng trình đọc màn hình")}
    header:
      number: {quoted("tiêu đề cột số thứ tự, như bản ký")}
      name: {quoted("tiêu đề cột tên chỉ tiêu, như bản ký")}
      unit: {quoted("tiêu đề cột đơn vị, như bản ký")}
    columns:
      - id: {quoted("mã cột, chữ thường không dấu và số, ví dụ th2023")}
        label: {quoted("tiêu đề cột, như bản ký")}
    rows:
      - id: {quoted("mã dòng, chữ thường không dấu nối bằng gạch ngang")}
        number: {quoted("số thứ tự, như bản ký")}
        name: {quoted("tên chỉ tiêu, như bản ký")}
        unit: {quoted("đơn vị như bản ký, hoặc null nếu bản ký để trống")}
        kind: {quoted("rank nếu là thứ hạng, number nếu là số lượng, không ngoặc kép")}
        values:
          {quoted("mã cột ở trên")}: {quoted("giá trị của ô, hoặc null nếu bản ký để trống")}
"""

    files["data/figures.yml"] = schema_line("figures") + f"""\
# Các con số Kế hoạch nêu, cho trang "Chỉ số và số liệu". Chỉ ghi số Kế hoạch nêu; số
# không nêu ghi null. Số ghi như số (dấu chấm thập phân: 12.5), không ngoặc kép.
# Figures the plan states. Only what the plan states; null where it states nothing.
ranked_among: {quoted("số tỉnh, thành phố được xếp hạng, không ngoặc kép")}

indices:
  - id: {quoted("mã chỉ số, chữ thường không dấu nối bằng gạch ngang")}
    name: {quoted("tên ngắn của chỉ số như Kế hoạch viết")}
    full_name: {quoted("tên đầy đủ của chỉ số như Kế hoạch viết")}
    unit: {quoted("đơn vị của điểm")}
    out_of: {quoted("thang điểm nếu Kế hoạch nêu, hoặc null")}
    source: {{page: {quoted(FIGURE_PAGE)}, anchor: {quoted(FIGURE_ANCHOR)}, place: {quoted("vị trí đọc được, ví dụ Phần I, mục 1")}}}
    results:
      - {{year: {quoted("năm của kết quả")}, score: {quoted("điểm Kế hoạch nêu, hoặc null")}, rank: {quoted("thứ hạng Kế hoạch nêu, hoặc null")}}}
    stated_change: {{score: {quoted("mức tăng điểm Kế hoạch nêu, giảm là số âm, hoặc null")}, rank: {quoted("số bậc tăng Kế hoạch nêu, giảm là số âm, hoặc null")}}}

# Các số liệu khác Kế hoạch nêu (id, label, value, of, unit, source). Để [] nếu không có.
others: []
"""

    # ---- docs/ ----
    files["docs/index.md"] = f"""\
---
title: Trang chủ
description: >-
  {fill("một hoặc hai câu mô tả Kế hoạch cho kết quả tìm kiếm")}
---

{{{{ home_intro() }}}}

{{{{ document_header() }}}}

{fill("đoạn mở đầu của Kế hoạch, trước phần thứ nhất, chép đúng như bản đã ký")}

{{{{ home_guide() }}}}

{{{{ download_links() }}}}
"""

    files["docs/phan-1/index.md"] = f"""\
# {fill(PART_1)} {{: #phan-1 }}

{fill("nội dung phần thứ nhất, chép đúng như bản đã ký; phần dài thì chia thành nhiều trang theo các mục")}
"""

    files["docs/phan-2/index.md"] = f"""\
# {fill(PART_2)} {{: #phan-2 }}

{fill("nội dung phần thứ hai, chép đúng như bản đã ký, đến câu kết")}

{{{{ signature_block() }}}}
"""

    files["docs/bieu-mau.md"] = f"""\
# {fill(TABLE_TITLE)} {{: #bieu-mau }}

{{{{ indicator_table("{fill(TABLE_ID)}") }}}}
"""

    files["docs/chi-so.md"] = """\
# Chỉ số và số liệu {: #chi-so }

Trang này do nhóm biên tập trang web lập, **không phải một phần của Kế hoạch**. Trang tập hợp
các con số mà Kế hoạch nêu, mỗi con số dẫn về đúng đoạn văn nêu nó. Chỉ có số
Kế hoạch nêu; số nào trang web tự tính đều ghi rõ “(tính)”.

## Kết quả các chỉ số {: #ket-qua-chi-so }

{{ index_results() }}

## Đối chiếu các con số {: #doi-chieu }

Trang web đối chiếu các mức tăng, giảm Kế hoạch nêu với hai con số của từng năm:

{{ index_checks() }}

## Một số số liệu khác {: #so-lieu-khac }

{{ other_figures() }}

## Tải số liệu {: #tai-so-lieu }

Các con số trên trang này được tạo từ tệp dữ liệu khi dựng trang web:
[tệp CSV](du-lieu/chi-so.csv) · [tệp JSON](du-lieu/chi-so.json).

Tệp CSV mã hóa UTF-8 (có BOM để Excel đọc đúng tiếng Việt), các cột cách nhau bằng dấu phẩy,
số thập phân viết với dấu chấm (12.5). Ô để trống là số Kế hoạch không nêu.
"""

    files["docs/van-ban/index.md"] = """\
# Văn bản được trích dẫn {: #van-ban-duoc-trich-dan }

Trang này do nhóm biên tập trang web lập, **không phải nội dung của Kế hoạch**.
Đây là danh mục các văn bản mà Kế hoạch trích dẫn. Mỗi văn bản có một trang riêng với
địa chỉ cố định, cho biết những gì Kế hoạch nêu về văn bản đó và liệt kê mọi chỗ trong
Kế hoạch trích dẫn văn bản. Trong toàn văn Kế hoạch, mỗi chỗ trích dẫn là một liên kết
tới trang của văn bản.

## Tổng quan và tra cứu {: #tong-quan }

{{ register_overview() }}

## Tải danh mục về máy {: #tai-ve }

- [Danh mục dạng CSV](danh-muc-van-ban.csv) (mở được bằng Excel, giữ nguyên tiếng Việt)
- [Danh mục dạng JSON](danh-muc-van-ban.json) (cho lập trình viên)

Hai tệp có cùng các trường sau:

{{ register_fields() }}

## Cách lập danh mục {: #cach-lap-danh-muc }

- **Chỉ ghi những gì Kế hoạch nêu.** Ngày ban hành, cơ quan ban hành và trích yếu chỉ được
  ghi khi Kế hoạch nêu rõ; trích yếu được chép nguyên văn từ Kế hoạch. Nhóm biên tập
  không bổ sung từ nguồn khác.
- **Địa chỉ cố định.** Địa chỉ trang của mỗi văn bản được ghi sẵn trong dữ liệu nên không
  thay đổi khi nội dung Kế hoạch được sửa.
- **Những gì không tính là trích dẫn một văn bản:**

{{ register_exclusions() }}
"""

    files["docs/tu-viet-tat.md"] = """\
---
title: Từ viết tắt
---

# Từ viết tắt {: #tu-viet-tat }

Trang này do nhóm biên tập trang web soạn, **không phải nội dung của Kế hoạch**.
Bảng dưới đây giải thích các từ viết tắt dùng trong Kế hoạch. Trên mọi trang của
trang web, mỗi từ viết tắt được gạch chân chấm; di chuột, chạm hoặc dùng phím Tab
đến từ đó để xem nghĩa đầy đủ.

- **Theo giải thích trong Kế hoạch**: chính văn bản ghi nghĩa của từ viết tắt;
  nghĩa được chép đúng chữ của văn bản.
- **Thuật ngữ hành chính thông dụng**: nghĩa thông dụng trong văn bản hành chính.
- **Chưa rõ nghĩa**: văn bản không giải thích và nhóm biên tập chưa xác định chắc
  chắn được nghĩa, nên không ghi nghĩa để tránh hiểu sai.

Số lần xuất hiện được đếm tự động trên toàn văn Kế hoạch, không tính những chỗ là
một phần của số, ký hiệu văn bản, cũng không tính những chỗ trong phần do trang web
soạn (ghi chú, chú giải bảng, phần giới thiệu ở trang chủ, danh mục văn bản được
trích dẫn).

{{ abbreviation_glossary() }}
"""

    files["docs/in-toan-van.md"] = """\
---
title: Toàn văn để in
description: Toàn văn Kế hoạch trên một trang, để in hoặc lưu thành PDF.
hide:
  - toc
search:
  exclude: true
---

<div class="kh-print-intro" data-kh-chrome markdown>

Trang này gộp toàn bộ Kế hoạch theo đúng thứ tự của văn bản, kèm chú thích (giữ số
thứ tự gốc) và các biểu chỉ tiêu. Để in, dùng lệnh **In** của trình duyệt (phím tắt
Ctrl + P, trên máy Mac là ⌘ + P); bản in không có thanh điều hướng và mỗi phần bắt
đầu ở một trang giấy mới.

{{ download_links() }}

</div>

{{ full_plan() }}
"""

    files["docs/ve-trang-nay/ghi-chu-van-ban.md"] = f"""\
# Ghi chú về văn bản gốc {{: #ghi-chu-van-ban }}

Trang này do nhóm biên tập trang web viết, **không phải nội dung của Kế hoạch**.
Toàn văn Kế hoạch trên trang web được chép đúng từng chữ theo bản đã ký, kể cả
những chỗ có vẻ là lỗi đánh máy. Những chỗ chưa thống nhất trong bản gốc được giữ
nguyên và ghi lại dưới đây để người đọc biết.

## Những chỗ chưa thống nhất trong bản gốc {{: #cho-chua-thong-nhat }}

{fill("những chỗ chưa thống nhất trong bản gốc, mỗi chỗ một dòng: vị trí, nội dung, ghi chú")}
"""

    # ---- record/ ----
    files["record/README.md"] = """\
# Văn bản đã ký: bản gốc để đối chiếu (the signed text: source of record)

Đặt vào thư mục này bản chữ (tệp .txt, UTF-8) của văn bản đã ký, đúng từng chữ như
bản nhận được, rồi ghi tên tệp vào `record` của `data/site.yml`. Trang web không được
tạo ra từ tệp này: khi dựng trang, chữ của các trang Kế hoạch phải trùng từng chữ với
nó, và mọi chữ của nó phải có trên các trang. Sau khi đã thêm, không sửa tệp này.

Put the text export of the signed plan here (UTF-8 .txt), kept as received, and
name it in `record` of `data/site.yml`. The build holds the plan's pages to it,
word for word. Do not edit it once added.
"""
    return files


def check_id(plan_id: str, root: Path) -> str | None:
    """Why `plan_id` cannot be a new plan of the archive at `root`, or None."""
    if len(plan_id) > PLAN_ID_MAX or not PLAN_ID.fullmatch(plan_id):
        return (f"Mã kế hoạch {plan_id!r} không dùng được: đây là địa chỉ của kế hoạch trên trang web, chỉ gồm "
                f"chữ thường không dấu, chữ số và dấu gạch nối (tối đa {PLAN_ID_MAX} ký tự), ví dụ stc-2023.\n"
                f"  [EN] The plan id {plan_id!r} is not usable: it is the plan's address, lowercase ASCII letters, "
                f"digits and hyphens only (at most {PLAN_ID_MAX} characters), e.g. stc-2023.")
    folder = root / PLANS_FOLDER / plan_id
    if folder.exists() or folder.is_symlink():
        return (f"Đã có {PLANS_FOLDER}/{plan_id}: không ghi đè một kế hoạch đã có. Chọn mã khác.\n"
                f"  [EN] {PLANS_FOLDER}/{plan_id} exists already: an existing plan is never overwritten. "
                "Choose another id.")
    return None


def make(plan_id: str, root: Path = ROOT) -> Path:
    """Write plans/<plan_id>/ under `root`; return the folder. Raises ValueError
    (with the message to print) for an id that is refused."""
    problem = check_id(plan_id, root)
    if problem:
        raise ValueError(problem)
    files = skeleton(plan_id, archive_site_url(root))
    folder = root / PLANS_FOLDER / plan_id
    folder.parent.mkdir(exist_ok=True)
    folder.mkdir()  # fails if it appeared meanwhile: nothing is overwritten
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as f:  # "x": never overwrite
            f.write(text)
    return folder


def placeholders(folder: Path) -> int:
    """How many placeholders the folder's files hold (what is left to fill)."""
    return sum(len(PLACEHOLDER.findall(p.read_text(encoding="utf-8")))
               for p in folder.rglob("*") if p.is_file() and p.suffix in {".md", ".yml"})


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].strip():
        print("Cách dùng: make new-plan ID=<mã kế hoạch>, ví dụ make new-plan ID=stc-2023\n"
              "  [EN] Usage: make new-plan ID=<plan id>, e.g. make new-plan ID=stc-2023", file=sys.stderr)
        return 2
    try:
        folder = make(argv[0])
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    rel = folder.relative_to(ROOT).as_posix() if folder.is_relative_to(ROOT) else str(folder)
    print(f"Đã tạo {rel}/ với {placeholders(folder)} chỗ <<ĐIỀN: …>> cần điền; trang web không dựng được "
          f"cho đến khi điền hết. Xem mục \"Thêm một kế hoạch mới\" trong CONTRIBUTING.md.\n"
          f"  [EN] Made {rel}/ with {placeholders(folder)} placeholders to fill; the build refuses it "
          "until every one is filled.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
