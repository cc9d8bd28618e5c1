package dev.berth.core.jobs;

import java.util.regex.Pattern;

/** The limits a submission must respect; shared by the JSON API and the reference design's form. */
final class SubmissionRules {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,99}");
  static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
  static final int MAX_PARAMETERS = 64;
  static final int MAX_PARAMETER_LENGTH = 4096;
  static final int MAX_GPUS = 8;
  static final int MAX_PRIORITY = 1000;

  private SubmissionRules() {}

  static boolean hasControlCharacters(String s) {
    return s.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
  }
}
