package dev.kindeprops.live.kinde;

import dev.kindeprops.live.ClaimObservation;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.Dashboard;
import dev.kindeprops.live.InvalidTokenException;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.live.TokenChecker;
import dev.kindeprops.live.TokenClaims;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.PropertyType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Kinde business as a target: reads application properties, categories and the named M2M
 * applications' values through the Management API, and writes them back one operation at a time.
 * Claim toggles cannot be written (Kinde has no API for them); they can be observed by minting a
 * token as each application ({@link #observeClaims}), and tokens someone obtained can be checked
 * against the domain's keys ({@link #verify}). Safe to use from several threads.
 */
public final class KindeTarget implements Target, TokenChecker {
  private final KindeClient client;
  private final TokenVerifier verifier;
  // What this target has read or created, so that operations can name things by key and name.
  private final Map<String, String> categoryIds = new ConcurrentHashMap<>();
  private final Map<String, String> propertyIds = new ConcurrentHashMap<>();
  private final Map<String, String> applicationNames = new ConcurrentHashMap<>();
  private final Object categoryLock = new Object();
  // Whether the categories were listed, so that a create never duplicates one it did not see.
  private volatile boolean categoriesKnown;

  KindeTarget(KindeClient client, Timing timing) {
    this.client = client;
    this.verifier =
        new TokenVerifier(client.settings().domain(), client::signingKeys, timing.clock());
  }

  /**
   * A target for this Kinde business.
   *
   * @param trace receives one line per HTTP request ({@code --verbose}), never a secret; or null
   */
  public static KindeTarget open(KindeSettings settings, Consumer<String> trace) {
    return new KindeTarget(
        new KindeClient(settings, trace, Timing.SYSTEM, RetryPolicy.DEFAULT), Timing.SYSTEM);
  }

  @Override
  public String name() {
    return "kinde:" + client.settings().domain();
  }

  @Override
  public void close() {}

  @Override
  public ClaimToggles claimToggles() {
    return ClaimToggles.OBSERVABLE;
  }

  /**
   * Reads, with as few requests as the API allows: every page of app-context properties, of
   * categories and of applications (the list is the only way to learn types and count the others),
   * and one request per named M2M application for its values, started as soon as the list shows it,
   * in parallel within the limits. Named applications that do not exist are absent; named
   * applications of another type are returned without values so the planner can report them.
   */
  @Override
  public LiveState read(Set<String> applicationIds) {
    return read(app -> applicationIds.contains(app.id()));
  }

  /** Lists the applications once, reading those it wants as the list arrives. */
  @Override
  public LiveState readAllM2mApplications() {
    return read(app -> "m2m".equals(app.type()));
  }

  /** Reads the live state, with the applications {@code wanted} accepts read in detail. */
  private LiveState read(Predicate<Wire.Application> wanted) {
    ExecutorService pool = newPool();
    try {
      Future<List<Wire.Property>> properties = pool.submit(client::listProperties);
      Future<KindeClient.CategoryListing> categories = pool.submit(client::listCategories);
      // Each named M2M application's values are read as soon as its page of the list arrives.
      Map<String, Future<List<Wire.PropertyValue>>> values = new LinkedHashMap<>();
      List<Wire.Application> applications =
          client.listApplications(
              page -> {
                for (Wire.Application app : page) {
                  if (app.id() != null
                      && wanted.test(app)
                      && "m2m".equals(app.type())
                      && !values.containsKey(app.id())) {
                    values.put(app.id(), pool.submit(valuesOf(app.id())));
                  }
                }
              });

      Map<String, Wire.Application> named = new LinkedHashMap<>();
      int otherM2m = 0;
      for (Wire.Application app : applications) {
        if (app.id() == null) {
          continue;
        }
        if (wanted.test(app)) {
          named.put(app.id(), app);
          applicationNames.put(app.id(), app.name() == null ? app.id() : app.name());
        } else if ("m2m".equals(app.type())) {
          otherM2m++;
        }
      }

      List<LiveApplication> live = new ArrayList<>();
      for (Wire.Application app : named.values()) {
        List<Wire.PropertyValue> appValues = await(values.get(app.id()));
        if (appValues == null && "m2m".equals(app.type())) {
          continue; // deleted between the list and the read
        }
        TreeMap<String, String> byKey = new TreeMap<>();
        if (appValues != null) {
          // kinde-props unsets a value by writing an empty one, which Kinde may clear or keep as
          // "": either way the value is unset.
          appValues.stream()
              .filter(v -> v.key() != null && v.value() != null && !v.value().isEmpty())
              .forEach(v -> byKey.put(v.key(), v.value()));
        }
        live.add(
            new LiveApplication(
                app.id(),
                app.name() == null ? app.id() : app.name(),
                Objects.requireNonNullElse(app.type(), "unknown"),
                byKey,
                null));
      }
      KindeClient.CategoryListing listing = await(categories);
      return new LiveState(
          liveCategories(listing),
          liveProperties(await(properties)),
          live,
          otherM2m,
          ClaimToggles.OBSERVABLE,
          listing.contextsKnown() || listing.all().isEmpty()
              ? List.of()
              : List.of(
                  "Kinde did not filter property categories by context (usr, org), so kinde-props"
                      + " cannot tell application categories from user and organization ones and"
                      + " matches categories by name: check in Kinde that each category the"
                      + " manifests name is an application category"));
    } finally {
      pool.shutdownNow();
    }
  }

  /** An application's values, or null when it vanished after it was listed. */
  private Callable<List<Wire.PropertyValue>> valuesOf(String applicationId) {
    return () -> {
      try {
        return client.getPropertyValues(applicationId);
      } catch (ApplicationNotFoundException e) {
        return null;
      }
    };
  }

  /**
   * The application categories (user and organization ones are never taken for them), remembered by
   * name for the operations.
   */
  private List<LiveCategory> liveCategories(KindeClient.CategoryListing listing) {
    List<LiveCategory> live = new ArrayList<>();
    for (Wire.Category category : listing.candidates()) {
      if (category.id() != null && category.name() != null) {
        live.add(new LiveCategory(category.id(), category.name()));
        // Of several with one name, the smallest id, as the planner picks (LiveState).
        categoryIds.merge(category.name(), category.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    categoriesKnown = true;
    return live;
  }

  private List<LiveProperty> liveProperties(List<Wire.Property> properties) {
    List<LiveProperty> live = new ArrayList<>();
    for (Wire.Property p : properties) {
      if (p.id() == null || p.key() == null) {
        continue;
      }
      live.add(
          new LiveProperty(
              p.id(),
              p.key(),
              p.name() == null ? p.key() : p.name(),
              p.description(),
              p.type() == null ? null : PropertyType.fromWireName(p.type()).orElse(null),
              p.isPrivate(),
              p.categoryId()));
      propertyIds.put(p.key(), p.id());
    }
    return live;
  }

  @Override
  public void apply(Operation operation) {
    if (operation instanceof Operation.CreateCategory create) {
      createCategory(create.name());
    } else if (operation instanceof Operation.CreateProperty create) {
      PropertyFields spec = create.property();
      String id =
          client.createProperty(
              spec.key(),
              spec.name(),
              spec.description(),
              spec.type().wireName(),
              spec.isPrivate(),
              categoryId(spec.category()));
      propertyIds.put(spec.key(), id);
    } else if (operation instanceof Operation.UpdateProperty update) {
      PropertyFields spec = update.property();
      client.updateProperty(
          propertyId(spec.key()),
          spec.key(),
          spec.name(),
          spec.description(),
          spec.isPrivate(),
          categoryId(spec.category()));
    } else if (operation instanceof Operation.DeleteProperty delete) {
      String id = knownPropertyId(delete.key());
      if (id != null) {
        client.deleteProperty(id, delete.key());
        propertyIds.remove(delete.key());
      }
    } else if (operation instanceof Operation.SetValue set) {
      if (set.sensitive()) {
        client.remember(new Secret(set.value()));
      }
      client.setPropertyValue(set.applicationId(), set.key(), set.value());
    } else if (operation instanceof Operation.DeleteValue delete) {
      // Kinde has no call to unset a value; writing an empty one is the closest there is.
      client.setPropertyValue(delete.applicationId(), delete.key(), "");
    } else if (operation instanceof Operation.SetClaim claim) {
      throw new TargetException(
          "Kinde's Management API cannot toggle token claims: in the Kinde dashboard open "
              + Dashboard.claimTogglePath(
                  applicationNames.getOrDefault(claim.applicationId(), claim.applicationId()))
              + " and switch '"
              + claim.key()
              + "' "
              + (claim.claimed() ? "on (the property must be non-private first)" : "off"));
    } else {
      throw new IllegalArgumentException("unknown operation " + operation);
    }
  }

  private void createCategory(String name) {
    // One at a time, so two threads never create the same category.
    synchronized (categoryLock) {
      if (!categoriesKnown) {
        liveCategories(client.listCategories());
      }
      if (!categoryIds.containsKey(name)) {
        categoryIds.put(name, client.createCategory(name));
      }
    }
  }

  private String categoryId(String name) {
    String id = categoryIds.get(name);
    if (id == null) {
      liveCategories(client.listCategories());
      id = categoryIds.get(name);
    }
    if (id == null) {
      throw new TargetException(
          "category '" + name + "' does not exist in " + client.settings().domain());
    }
    return id;
  }

  private String propertyId(String key) {
    String id = knownPropertyId(key);
    if (id == null) {
      throw new TargetException(
          "property '" + key + "' does not exist in " + client.settings().domain());
    }
    return id;
  }

  private String knownPropertyId(String key) {
    String id = propertyIds.get(key);
    if (id == null) {
      liveProperties(client.listProperties());
      id = propertyIds.get(key);
    }
    return id;
  }

  // ---- Claims -------------------------------------------------------------------------------

  /**
   * Observes each application's token claims, in parallel within the limits: reads its client
   * secret through the API, mints a client-credentials token as the application and verifies it.
   * The secret and the token stay in memory. Each token counts toward Kinde's billed M2M token
   * usage.
   */
  @Override
  public Map<String, ClaimObservation> observeClaims(
      Collection<String> applicationIds, Map<String, String> audiences) {
    ExecutorService pool = newPool();
    try {
      Map<String, Future<ClaimObservation>> pending = new LinkedHashMap<>();
      for (String id : applicationIds) {
        pending.put(id, pool.submit(() -> observation(id, audiences.get(id))));
      }
      Map<String, ClaimObservation> observed = new LinkedHashMap<>();
      pending.forEach((id, future) -> observed.put(id, await(future)));
      return observed;
    } finally {
      pool.shutdownNow();
    }
  }

  private ClaimObservation observation(String applicationId, String audience) {
    try {
      return ClaimObservation.of(tokenOf(applicationId, audience).applicationProperties());
    } catch (ApplicationNotFoundException | ApplicationTokenException | InvalidTokenException e) {
      return ClaimObservation.failed(e.getMessage());
    }
  }

  /**
   * Mints a token as one application and verifies it.
   *
   * @param audience the audience to ask for, or null to ask for none
   */
  TokenClaims tokenOf(String applicationId, String audience) {
    Wire.ApplicationDetail app = client.getApplication(applicationId);
    if (app.type() != null && !app.type().equals("m2m")) {
      throw new ApplicationTokenException(
          "application "
              + applicationId
              + " is a "
              + app.type()
              + " application, not m2m; only an M2M application's token carries its properties");
    }
    if (app.secret() == null) {
      throw new ApplicationTokenException(
          "Kinde returned no client secret for application "
              + applicationId
              + ", so no token can be minted as it");
    }
    String clientId = app.clientId() == null ? applicationId : app.clientId();
    Secret token = client.mintApplicationToken(clientId, app.secret(), audience);
    return verifier.verify(token, applicationId, audience);
  }

  /** Verifies a token someone obtained ({@code verify --token -}). */
  @Override
  public TokenClaims verify(String token, String applicationId, String audience) {
    Secret secret = new Secret(token.trim());
    client.remember(secret);
    return verifier.verify(secret, applicationId, audience);
  }

  private ExecutorService newPool() {
    return Executors.newFixedThreadPool(
        client.settings().parallelism(),
        runnable -> {
          Thread thread = new Thread(runnable, "kinde-request");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** The future's result, or null for none; its failure rethrown as it was. */
  private static <T> T await(Future<T> future) {
    if (future == null) {
      return null;
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while reading from Kinde");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new TargetException("reading from Kinde failed: " + e.getCause(), e.getCause());
    }
  }
}
