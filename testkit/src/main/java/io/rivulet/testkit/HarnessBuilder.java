package io.rivulet.testkit;

/** A harness builder that can build the same harness in normal and in adversarial mode. */
public interface HarnessBuilder<H extends HarnessBase<?>> {
  /** Adversarial mode: see {@link Adversity}. */
  HarnessBuilder<H> adversarial(boolean adversarial);

  /** A new harness with a fresh operator instance, set up, (restored) and opened. */
  H build() throws Exception;
}
