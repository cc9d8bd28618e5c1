package dev.berth.core.api;

import dev.berth.core.auth.Role;
import dev.berth.core.fairshare.FairShareService;
import dev.berth.core.fairshare.FairShareTable;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/fairshare}: every user's usage, shares and fair-share factor. Every signed-in
 * user sees the whole table, as Slurm's {@code sshare} shows it: a factor means something only next
 * to everyone else's.
 */
final class FairShareApi {
  private final FairShareService fairShare;

  FairShareApi(FairShareService fairShare) {
    this.fairShare = fairShare;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/fairshare", this::table, Role.USER);
  }

  private void table(Context ctx) {
    FairShareTable t = fairShare.table();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("at", t.at());
    out.put("halfLifeHours", t.halfLifeHours());
    out.put("ledgerKept", t.ledgerKept());
    if (!t.ledgerKept()) {
      out.put("note", "the queue store keeps no usage ledger, so nobody has usage and every factor is 1");
    }
    out.put("users", t.users());
    ctx.json(out);
  }
}
