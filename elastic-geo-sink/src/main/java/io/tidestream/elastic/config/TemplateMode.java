package io.tidestream.elastic.config;

/** Where the index template installed at start comes from. */
public enum TemplateMode {
  /** The built-in mapping for tidestream NOAA records. */
  BUILTIN,
  /** A JSON file on the worker ({@code mapping.template.file}). */
  FILE,
  /** JSON given in the configuration ({@code mapping.template.inline}). */
  INLINE,
  /** Install nothing; the indices or templates are managed elsewhere. */
  NONE
}
