/* registry.c — every importer, and detection by the highest bid. */
#include <stddef.h>

#include "meshcost/importer.h"

extern const struct mc_importer mc_importer_snowflake_query_history;
extern const struct mc_importer mc_importer_snowflake_warehouse_metering;
extern const struct mc_importer mc_importer_snowflake_access_history;
extern const struct mc_importer mc_importer_snowflake_table_storage;
extern const struct mc_importer mc_importer_focus;
extern const struct mc_importer mc_importer_snowflake_metering_daily;
extern const struct mc_importer mc_importer_snowflake_rate_sheet;
extern const struct mc_importer mc_importer_snowflake_query_attribution;
extern const struct mc_importer mc_importer_bigquery_jobs;
extern const struct mc_importer mc_importer_bigquery_table_storage;
extern const struct mc_importer mc_importer_databricks_usage;
extern const struct mc_importer mc_importer_databricks_list_prices;

const struct mc_importer *const mc_importers[] = {
    &mc_importer_snowflake_query_history,
    &mc_importer_snowflake_warehouse_metering,
    &mc_importer_snowflake_access_history,
    &mc_importer_snowflake_table_storage,
    &mc_importer_focus,
    &mc_importer_snowflake_metering_daily,
    &mc_importer_snowflake_rate_sheet,
    &mc_importer_snowflake_query_attribution,
    &mc_importer_bigquery_jobs,
    &mc_importer_bigquery_table_storage,
    &mc_importer_databricks_usage,
    &mc_importer_databricks_list_prices,
    NULL,
};

const struct mc_importer *mc_importer_detect(const struct mc_csv_row *header,
                                             int *score)
{
    const struct mc_importer *best = NULL;
    int best_score = 0;

    for (size_t i = 0; mc_importers[i]; i++) {
        int s = mc_importers[i]->detect(header);
        if (s > best_score) {
            best = mc_importers[i];
            best_score = s;
        }
    }
    if (score)
        *score = best_score;
    return best;
}
