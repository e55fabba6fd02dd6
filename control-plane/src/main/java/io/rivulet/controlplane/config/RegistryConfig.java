package io.rivulet.controlplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * The schema registry jobs register their schemas with at submission ({@code rivulet.registry.*}). Without a URL
 * nothing is registered or checked.
 */
@ConfigMapping(prefix = "rivulet.registry")
public interface RegistryConfig {

  /** Apicurio Registry's base URL (the API is under {@code /apis/registry/v3}); empty: no registration. */
  Optional<String> url();

  /** The compatibility rule of subjects not named below. */
  @WithDefault("BACKWARD")
  String compatibility();

  /** Per-subject rules, e.g. {@code rivulet.registry.subjects."sensor-readings-value"=FULL}. */
  Map<String, String> subjects();
}
