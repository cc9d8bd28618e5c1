package dev.berth.api;

/** The type of a setting value; the host validates and converts by it. */
public enum SettingType {
  INTEGER,
  DECIMAL,
  BOOLEAN,
  STRING,
  /** One of the descriptor's {@link SettingDescriptor#choices()}, as text. */
  CHOICE
}
