package dev.kindeprops.plan;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What is live but not managed: reported, never changed.
 *
 * @param properties keys of live properties the manifests neither declare nor remove
 * @param applications how many live M2M applications the manifests do not list
 */
public record Unmanaged(SortedSet<String> properties, int applications) {
  public Unmanaged {
    properties = Collections.unmodifiableSortedSet(new TreeSet<>(properties));
  }
}
