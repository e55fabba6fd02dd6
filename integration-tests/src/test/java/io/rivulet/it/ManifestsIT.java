package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.BuildConfig;
import io.fabric8.openshift.api.model.Route;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kustomize overlays in deploy/, rendered by {@code kubectl kustomize} (offline) and read back as typed
 * fabric8 objects: probes on the health endpoints, services and ports that match what the containers are told,
 * volumes that exist, images set.
 */
class ManifestsIT {
  private static final Path DEPLOY = Path.of(System.getProperty("rivulet.root", "..")).resolve("deploy/overlays");

  private static List<HasMetadata> render(String overlay) throws Exception {
    Process p = new ProcessBuilder("kubectl", "kustomize", DEPLOY.resolve(overlay).toString())
        .redirectErrorStream(true).start();
    String yaml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("kubectl kustomize %s:%n%s", overlay, yaml).isZero();
    List<HasMetadata> items = new java.util.ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (!doc.isBlank()) {
        Object o = Serialization.unmarshal(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
        if (o instanceof KubernetesList list) {
          items.addAll(list.getItems());
        } else {
          items.add((HasMetadata) o);
        }
      }
    }
    return items;
  }

  private static <T extends HasMetadata> T one(List<HasMetadata> items, Class<T> type, String name) {
    return items.stream().filter(type::isInstance).map(type::cast)
        .filter(i -> i.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  private static Map<String, String> env(Container c, ConfigMap shared) {
    Map<String, String> env = new java.util.HashMap<>(shared.getData());
    for (EnvVar e : c.getEnv()) {
      env.put(e.getName(), e.getValue() != null ? e.getValue() : "(from " + e.getValueFrom().getFieldRef().getFieldPath() + ")");
    }
    return env;
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "openshift"})
  void servicesProbesPortsAndVolumesFitTogether(String overlay) throws Exception {
    List<HasMetadata> items = render(overlay);
    Deployment cp = one(items, Deployment.class, "rivulet-control-plane");
    StatefulSet rt = one(items, StatefulSet.class, "rivulet-task-runtime");
    Service cpService = one(items, Service.class, "rivulet-control-plane");
    Service rtService = one(items, Service.class, "rivulet-task-runtime");
    ConfigMap config = items.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .filter(c -> c.getMetadata().getName().startsWith("rivulet-config")).findFirst().orElseThrow();

    for (PodSpec pod : List.of(cp.getSpec().getTemplate().getSpec(), rt.getSpec().getTemplate().getSpec())) {
      Container c = pod.getContainers().get(0);
      assertThat(c.getImage()).as("image set by the overlay").contains("/");
      Probe ready = c.getReadinessProbe();
      Probe live = c.getLivenessProbe();
      assertThat(ready.getHttpGet().getPath()).isEqualTo("/q/health/ready");
      assertThat(live.getHttpGet().getPath()).isEqualTo("/q/health/live");
      assertThat(c.getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(ready.getHttpGet().getPort().getStrVal()));
      // every volume claims a PVC of the same manifests (or is scratch space)
      pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).forEach(v ->
          one(items, PersistentVolumeClaim.class, v.getPersistentVolumeClaim().getClaimName()));
      assertThat(c.getEnvFrom()).anySatisfy(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo(config.getMetadata().getName()));
    }

    Map<String, String> rtEnv = env(rt.getSpec().getTemplate().getSpec().getContainers().get(0), config);
    // the runtime dials the control plane's gRPC through its service
    String[] address = rtEnv.get("RIVULET_CONTROL_PLANE_ADDRESS").split(":");
    assertThat(address[0]).isEqualTo(cpService.getMetadata().getName());
    assertThat(cpService.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(Integer.parseInt(address[1])));
    Map<String, String> cpEnv = env(cp.getSpec().getTemplate().getSpec().getContainers().get(0), config);
    assertThat(cpEnv.get("RIVULET_CLUSTER_GRPC_PORT")).isEqualTo(address[1]);
    assertThat(cpEnv.get("RIVULET_EXECUTION")).isEqualTo("cluster");
    assertThat(cpEnv.get("RIVULET_CLUSTER_ADVERTISED_URL")).contains("//" + cpService.getMetadata().getName() + ":");
    // the runtime announces fixed control and data ports that its service exposes
    for (String key : List.of("RIVULET_RUNTIME_CONTROL_PORT", "RIVULET_RUNTIME_DATA_PORT")) {
      int port = Integer.parseInt(rtEnv.get(key));
      assertThat(rtService.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(port));
    }
    assertThat(rtEnv.get("RIVULET_RUNTIME_HOST")).isEqualTo("(from status.podIP)");
    // both mount the shared checkpoint volume where the configured directory is
    String checkpoints = config.getData().get("RIVULET_CHECKPOINTS_DIRECTORY");
    for (PodSpec pod : List.of(cp.getSpec().getTemplate().getSpec(), rt.getSpec().getTemplate().getSpec())) {
      assertThat(pod.getContainers().get(0).getVolumeMounts())
          .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(checkpoints));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openshift"})
  void openshiftOverlayBuildsImagesAndExposesTheControlPlane(String overlay) throws Exception {
    List<HasMetadata> items = render(overlay);
    Route route = one(items, Route.class, "rivulet-control-plane");
    assertThat(route.getSpec().getTo().getName()).isEqualTo("rivulet-control-plane");
    assertThat(route.getSpec().getTls().getTermination()).isEqualTo("edge");
    for (String name : List.of("rivulet-control-plane", "rivulet-task-runtime")) {
      BuildConfig bc = one(items, BuildConfig.class, name);
      assertThat(bc.getSpec().getOutput().getTo().getName()).isEqualTo(name + ":latest");
    }
    Map<String, Long> kinds = items.stream().collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
    assertThat(kinds).containsKeys("Kafka", "KafkaNodePool", "ApicurioRegistry3", "Jaeger", "ServiceMonitor");
    assertThat(items).allSatisfy(i -> assertThat(i.getMetadata().getNamespace()).isEqualTo("rivulet"));
    assertThat(items.stream().map(i -> i.getMetadata().getName()).filter(Objects::isNull)).isEmpty();
  }
}
