/* sunset_csv.c — `sunset` / sunset-candidates.csv (DESIGN 5.2). */
#include "meshcost/csv_out.h"
#include "meshcost/money.h"
#include "meshcost/reports.h"

void mc_report_sunset_csv(const struct mc_sunset *sunset, FILE *out)
{
    char money[MC_MONEY_BUFSZ];

    fputs("product_id,domain,owner,status,monthly_cost,reads_30d,reads_90d,"
          "consumers_30d,last_read,active_dependents,reason\n",
          out);
    for (size_t i = 0; i < sunset->n_candidates; i++) {
        const struct mc_sunset_row *r = &sunset->rows[i];
        mc_csv_put_text(out, r->product->id);
        fputc(',', out);
        mc_csv_put_text(out, r->product->domain);
        fputc(',', out);
        mc_csv_put_text(out, r->product->owner);
        fputc(',', out);
        mc_csv_put_text(out, r->product->status);
        mc_money_format(r->monthly_cost, money);
        fprintf(out, ",%s,%lld,%lld,%lld,%s,", money,
                (long long)r->reads_30d, (long long)r->reads_90d,
                (long long)r->consumers_30d, r->last_read);
        mc_csv_put_text(out, r->active_dependents);
        fputc(',', out);
        mc_csv_put_text(out, r->reason);
        fputc('\n', out);
    }
}
