package dev.berth.core.scheduler;

import dev.berth.api.Settings;
import dev.berth.core.settings.FairshareSettings;
import dev.berth.core.settings.LimitSettings;
import dev.berth.core.settings.SchedulerSettings;
import java.time.Duration;
import java.util.function.Function;

/**
 * The settings one scheduling pass decides by, read once at its start so that an admin's save in
 * the middle of a pass cannot mix old and new rules.
 *
 * @param maxRunningJobs run slots across all nodes
 * @param easyBackfill whether later jobs may start around the first that cannot
 * @param limits the per-user limits
 * @param fairshare the {@code fairshare} section, handed to an order that scores
 * @param halfLife how fast the usage ledger forgets
 */
public record PassRules(
    int maxRunningJobs, boolean easyBackfill, UserLimits limits, Settings fairshare, Duration halfLife) {

  /** The rules in force now, from the host's settings sections. */
  public static PassRules from(Function<String, Settings> sections) {
    Settings scheduler = sections.apply(SchedulerSettings.SECTION);
    Settings limits = sections.apply(LimitSettings.SECTION);
    Settings fairshare = sections.apply(FairshareSettings.SECTION);
    return new PassRules(
        SchedulerSettings.maxRunningJobs(scheduler),
        SchedulerSettings.easyBackfill(scheduler),
        new UserLimits(
            LimitSettings.maxRunningJobsPerUser(limits),
            LimitSettings.maxGpusPerUser(limits),
            LimitSettings.enforceOnlyWhenOthersWait(limits)),
        fairshare,
        FairshareSettings.halfLife(fairshare));
  }
}
