package dev.berth.web.view;

/** One term of a job's score, already formatted: the job page shows these as a table. */
public record ScoreRow(String name, String value, String weight, String points) {}
