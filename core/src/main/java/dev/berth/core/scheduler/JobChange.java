package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobState;

/** A state change this process made: the job after it, and where it came from (null for submit). */
public record JobChange(Job job, JobState from) {}
