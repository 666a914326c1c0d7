"""The `campaign` report builder for `ansinh report campaign …` (listed by the `report` command of `reports`)."""


from ansinh.campaigns.models import Campaign
from ansinh.campaigns.progress import SCHEMES
from ansinh.campaigns.report import campaign_list_report, campaign_report
from ansinh.core.cells import parse_date
from ansinh.core.errors import NotFound
from ansinh.core.formats import vn_decimal, vn_int


class CampaignReport:
    """A campaign's figures (targets, results by unit/team/staff, ranking, retention, activities), or the list."""

    help = "Báo cáo chiến dịch: ansinh report campaign SLUG [--on yyyy-mm-dd] [--json]; --list để xem các chiến dịch."

    def add_arguments(self, parser) -> None:
        """SLUG, or --list; --on, --retention-on."""
        parser.add_argument("slug", nargs="?", help="Mã chiến dịch (xem --list).")
        parser.add_argument("--list", action="store_true", dest="list_all", help="Danh sách chiến dịch và mã.")
        parser.add_argument("--on", help="Số liệu đến hết ngày (yyyy-mm-dd); mặc định ngày cuối chiến dịch.")
        parser.add_argument("--retention-on", dest="retention_on", help="Ngày tính duy trì (yyyy-mm-dd).")

    def build(self, *, slug: str | None = None, list_all: bool = False, on: str | None = None,
              retention_on: str | None = None, **_) -> dict | list:
        """The report of one campaign, or the list of campaigns."""
        if list_all or not slug:
            return campaign_list_report(Campaign.objects.select_related("area").order_by("-start_date", "slug"))
        campaign = Campaign.objects.select_related("area").filter(slug=slug).first()
        if campaign is None:
            raise NotFound(f"Không có chiến dịch '{slug}' (xem: ansinh report campaign --list).")
        return campaign_report(campaign, on=parse_date(on, "--on"),
                               retention_on=parse_date(retention_on, "--retention-on"))

    def render_text(self, data) -> str:
        """A short Vietnamese summary for the terminal."""
        if isinstance(data, list):
            return "\n".join(f"{c['slug']:<40} {c['start_date']} – {c['end_date']}  {c['area_name']}: {c['name']}"
                             for c in data) or "Chưa có chiến dịch."
        lines = [data["campaign"]["name"], f"Số liệu đến hết ngày {data['as_of']}"]
        for s in SCHEMES:
            f = data["summary"][s]
            pct = f"{vn_decimal(f['percent'])}%" if f["percent"] is not None else "—"
            lines.append(f"  {f['label']:<18} đạt {vn_int(f['achieved']):>9} / chỉ tiêu {vn_int(f['target']):>9}"
                         f"  = {pct:>9}  còn thiếu {vn_int(f['remaining'])}")
        ret = data["retention"]
        kept = [f"{data['summary'][s]['label']} {vn_int(ret['summary'][s]['kept'])}/"
                f"{vn_int(ret['summary'][s]['recruited'])}" for s in SCHEMES]
        lines.append(f"Duy trì đến {ret['on']}: " + "; ".join(kept))
        return "\n".join(lines)


CAMPAIGN_REPORT = CampaignReport()
