package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy's decision function (DESIGN.md section 3 "Meaning") computed as regions: per profile
 * and protocol, port slices on which the set of applicable rules is constant, and per slice the
 * address regions with the first matching rule (or the default).
 *
 * <p>Nothing is enumerated port by port or address by address. Ports are cut at every rule's range
 * ends; addresses are partitioned by a sweep over interval ends with a min-heap of rule positions
 * (lazy deletion), O(n log n) in the number of intervals. Identical applicable-rule lists share one
 * partition across slices, profiles and protocols.
 */
public final class DecisionMap {
  private final Policy policy;
  private final Rule[] rules;
  private final Map<Protocol, PortSet> managed = new EnumMap<>(Protocol.class);
  private final Map<Profile, Map<Protocol, List<PortSlice>>> slices = new EnumMap<>(Profile.class);
  private final BitSet deciding = new BitSet();

  private DecisionMap(Policy policy) {
    this.policy = policy;
    this.rules = policy.rules().toArray(new Rule[0]);
  }

  public static DecisionMap of(Policy policy) {
    requireNonNull(policy, "policy");
    DecisionMap map = new DecisionMap(policy);
    map.build();
    return map;
  }

  public Policy policy() {
    return policy;
  }

  public Explanation decide(Profile profile, Protocol protocol, int port, Ip address) {
    PortSlice slice = sliceOf(profile, protocol, port);
    if (!slice.managed()) {
      return new Explanation(Decision.UNMANAGED, Optional.empty(), Reason.UNMANAGED);
    }
    AddressRegion region = slice.regionOf(address);
    return new Explanation(region.decision(), region.rule(), region.reason());
  }

  /** The slice holding {@code port}. */
  public PortSlice sliceOf(Profile profile, Protocol protocol, int port) {
    if (port < 0 || port > PortRange.MAX_PORT) {
      throw new IllegalArgumentException("port " + port);
    }
    List<PortSlice> list = slices(profile, protocol);
    int lo = 0;
    int hi = list.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (list.get(mid).ports().first() <= port) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return list.get(lo);
  }

  /** slices covering 0..65535 in ascending order; adjacent slices always differ */
  public List<PortSlice> slices(Profile profile, Protocol protocol) {
    return slices.get(profile).get(protocol);
  }

  /** The union of the ports any rule names for {@code protocol}, whatever its profiles. */
  public PortSet managedPorts(Protocol protocol) {
    return managed.get(protocol);
  }

  /** indexes (Rule.index) of rules that decide at least one packet */
  public BitSet decidingRules() {
    return (BitSet) deciding.clone();
  }

  // ---------------------------------------------------------------------------------------------

  private void build() {
    Map<RuleList, List<AddressRegion>> cache = new HashMap<>();
    for (Profile profile : Profile.values()) {
      slices.put(profile, new EnumMap<>(Protocol.class));
    }
    for (Protocol protocol : Protocol.values()) {
      List<PortRange> all = new ArrayList<>();
      PortSet previous = null;
      for (Rule r : rules) {
        // Rules naming the same services share one set; repeating it adds nothing to the union.
        if (r.ports(protocol) != previous) {
          previous = r.ports(protocol);
          all.addAll(previous.ranges());
        }
      }
      managed.put(protocol, PortSet.of(all));
      List<int[]> bounds = new ArrayList<>(); // {first, last}
      List<int[]> lists = new ArrayList<>(); // rule positions active on that port interval
      elementaryIntervals(protocol, bounds, lists);
      for (Profile profile : Profile.values()) {
        List<PortSlice> out = new ArrayList<>();
        for (int k = 0; k < bounds.size(); k++) {
          int[] list = lists.get(k);
          PortRange ports = PortRange.of(bounds.get(k)[0], bounds.get(k)[1]);
          if (list.length == 0) {
            append(out, new PortSlice(ports, false, List.of()));
            continue;
          }
          int[] applying = Arrays.stream(list).filter(i -> rules[i].appliesTo(profile)).toArray();
          List<AddressRegion> regions = cache.computeIfAbsent(new RuleList(applying), this::regions);
          append(out, new PortSlice(ports, true, regions));
        }
        slices.get(profile).put(protocol, List.copyOf(out));
      }
    }
    for (List<AddressRegion> regions : cache.values()) {
      RegionList list = (RegionList) regions;
      for (int i = 0; i < list.size(); i++) {
        int pos = list.rulePosition(i);
        if (pos >= 0) {
          deciding.set(rules[pos].index());
        }
      }
    }
  }

  /** Appends a slice, merging it into the previous one when both decide the same everywhere. */
  private static void append(List<PortSlice> out, PortSlice slice) {
    if (!out.isEmpty()) {
      PortSlice prev = out.get(out.size() - 1);
      if (prev.managed() == slice.managed() && sameRegions(prev.regions(), slice.regions())) {
        out.set(
            out.size() - 1,
            new PortSlice(
                PortRange.of(prev.ports().first(), slice.ports().last()), prev.managed(), prev.regions()));
        return;
      }
    }
    out.add(slice);
  }

  private static boolean sameRegions(List<AddressRegion> a, List<AddressRegion> b) {
    if (a == b) {
      return true;
    }
    if (a instanceof RegionList x && b instanceof RegionList y) {
      return x.sameAs(y);
    }
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      AddressRegion x = a.get(i);
      AddressRegion y = b.get(i);
      if (x.decision() != y.decision()
          || !x.range().equals(y.range())
          || x.rule().isPresent() != y.rule().isPresent()
          || (x.rule().isPresent() && x.rule().get() != y.rule().get())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Cuts 0..65535 where any rule's port range for {@code protocol} begins or ends, and lists for
   * each piece the positions of the rules (any profile) whose ports hold it, in policy order.
   */
  private void elementaryIntervals(Protocol protocol, List<int[]> bounds, List<int[]> lists) {
    int size = PortRange.MAX_PORT + 2;
    int[] startCount = new int[size];
    int[] endCount = new int[size];
    int events = 0;
    for (Rule r : rules) {
      for (PortRange pr : r.ports(protocol).ranges()) {
        startCount[pr.first()]++;
        endCount[pr.last() + 1]++;
        events++;
      }
    }
    // bucket the rule positions by port where they start / stop (counting sort, rule order kept)
    int[] startOff = new int[size + 1];
    int[] endOff = new int[size + 1];
    for (int p = 0; p < size; p++) {
      startOff[p + 1] = startOff[p] + startCount[p];
      endOff[p + 1] = endOff[p] + endCount[p];
    }
    int[] starts = new int[events];
    int[] ends = new int[events];
    int[] sFill = Arrays.copyOf(startOff, size);
    int[] eFill = Arrays.copyOf(endOff, size);
    for (int i = 0; i < rules.length; i++) {
      for (PortRange pr : rules[i].ports(protocol).ranges()) {
        starts[sFill[pr.first()]++] = i;
        ends[eFill[pr.last() + 1]++] = i;
      }
    }
    BitSet active = new BitSet(rules.length);
    int begin = 0;
    for (int p = 0; p <= PortRange.MAX_PORT + 1; p++) {
      boolean cut = p == PortRange.MAX_PORT + 1 || startCount[p] > 0 || endCount[p] > 0;
      if (!cut) {
        continue;
      }
      if (p > begin) {
        bounds.add(new int[] {begin, p - 1});
        lists.add(active.stream().toArray());
        begin = p;
      }
      if (p <= PortRange.MAX_PORT) {
        for (int k = endOff[p]; k < endOff[p + 1]; k++) {
          active.clear(ends[k]);
        }
        for (int k = startOff[p]; k < startOff[p + 1]; k++) {
          active.set(starts[k]);
        }
      }
    }
  }

  /** The address partition for rules at {@code list} positions (first match wins), both families. */
  private List<AddressRegion> regions(RuleList list) {
    Regions out = new Regions(list.positions);
    sweep(IpFamily.IPV4, list.positions, out);
    int v6From = out.n;
    sweep(IpFamily.IPV6, list.positions, out);
    return out.toList(v6From);
  }

  /**
   * Sweeps one family: an event at each interval's first address (rule becomes active) and at
   * last+1 (inactive); between events the lowest active list position decides. Rules of one list
   * keep their policy order, so the lowest position is the first match.
   */
  private void sweep(IpFamily family, int[] list, Regions regions) {
    int n = 0;
    for (int pos : list) {
      n += rules[pos].addresses().bounds(family).length / 2; // two events per interval at most
    }
    long[] hi = new long[n];
    long[] lo = new long[n];
    int[] who = new int[n]; // list index, or ~index for an end event
    int e = 0;
    long maxHi = Ip.max(family).hi();
    long maxLo = Ip.max(family).lo();
    for (int k = 0; k < list.length; k++) {
      long[] b = rules[list[k]].addresses().bounds(family);
      for (int i = 0; i < b.length; i += 4) {
        hi[e] = b[i];
        lo[e] = b[i + 1];
        who[e++] = k;
        if (!(b[i + 2] == maxHi && b[i + 3] == maxLo)) {
          long nLo = b[i + 3] + 1;
          hi[e] = b[i + 2] + (nLo == 0 ? 1 : 0);
          lo[e] = nLo;
          who[e++] = ~k;
        }
      }
    }
    int[] order = new int[e];
    for (int i = 0; i < e; i++) {
      order[i] = i;
    }
    sortByAddress(order, hi, lo);

    int[] activeCount = new int[list.length];
    IntHeap heap = new IntHeap();
    regions.begin();
    int top = -1;
    long curHi = 0;
    long curLo = 0;
    int i = 0;
    while (i < e) {
      long aHi = hi[order[i]];
      long aLo = lo[order[i]];
      if (aHi != curHi || aLo != curLo) {
        regions.emit(curHi, curLo, top);
        curHi = aHi;
        curLo = aLo;
      }
      while (i < e && hi[order[i]] == aHi && lo[order[i]] == aLo) {
        int w = who[order[i++]];
        if (w >= 0) {
          activeCount[w]++;
          heap.push(w);
        } else {
          activeCount[~w]--;
        }
      }
      while (!heap.isEmpty() && activeCount[heap.peek()] == 0) {
        heap.pop();
      }
      top = heap.isEmpty() ? -1 : heap.peek();
    }
    regions.emit(curHi, curLo, top);
    regions.finish();
  }

  /**
   * Turns sweep output (region starts with the deciding list position) into merged regions, kept
   * as primitive arrays of first addresses and rule positions ({@link RegionList}).
   */
  private final class Regions {
    private final int[] list;
    private long[] hi = new long[8];
    private long[] lo = new long[8];
    private int[] rule = new int[8];
    private int n;
    private boolean open;
    private long startHi;
    private long startLo;
    private int startTop;

    Regions(int[] list) {
      this.list = list;
    }

    /** Starts a family. */
    void begin() {
      open = false;
    }

    /** The region starting at {@code (hi, lo)} is decided by list position {@code top}. */
    void emit(long hi, long lo, int top) {
      if (open && top == startTop) {
        return;
      }
      if (open) {
        close();
      }
      open = true;
      startHi = hi;
      startLo = lo;
      startTop = top;
    }

    void finish() {
      close();
    }

    /** Records the open region; it ends where the next one starts, or at the family's end. */
    private void close() {
      if (n == rule.length) {
        hi = Arrays.copyOf(hi, n * 2);
        lo = Arrays.copyOf(lo, n * 2);
        rule = Arrays.copyOf(rule, n * 2);
      }
      hi[n] = startHi;
      lo[n] = startLo;
      rule[n++] = startTop < 0 ? -1 : list[startTop];
    }

    RegionList toList(int v6From) {
      return new RegionList(
          Arrays.copyOf(hi, n),
          Arrays.copyOf(lo, n),
          Arrays.copyOf(rule, n),
          v6From,
          rules,
          policy.defaultAction());
    }
  }

  /** Stable merge sort of event indexes by unsigned 128-bit address, without boxing. */
  private static void sortByAddress(int[] a, long[] hi, long[] lo) {
    int[] tmp = new int[a.length];
    for (int width = 1; width < a.length; width *= 2) {
      for (int left = 0; left < a.length; left += 2 * width) {
        int mid = Math.min(left + width, a.length);
        int right = Math.min(left + 2 * width, a.length);
        int i = left;
        int j = mid;
        int k = left;
        while (i < mid && j < right) {
          int x = a[i];
          int y = a[j];
          if (AddressSet.cmp(hi[y], lo[y], hi[x], lo[x]) < 0) {
            tmp[k++] = y;
            j++;
          } else {
            tmp[k++] = x;
            i++;
          }
        }
        while (i < mid) {
          tmp[k++] = a[i++];
        }
        while (j < right) {
          tmp[k++] = a[j++];
        }
      }
      System.arraycopy(tmp, 0, a, 0, a.length);
    }
  }

  /** Binary min-heap of ints. */
  private static final class IntHeap {
    private int[] a = new int[16];
    private int n;

    boolean isEmpty() {
      return n == 0;
    }

    int peek() {
      return a[0];
    }

    void push(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      int i = n++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (a[parent] <= v) {
          break;
        }
        a[i] = a[parent];
        i = parent;
      }
      a[i] = v;
    }

    void pop() {
      int v = a[--n];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= n) {
          break;
        }
        if (child + 1 < n && a[child + 1] < a[child]) {
          child++;
        }
        if (a[child] >= v) {
          break;
        }
        a[i] = a[child];
        i = child;
      }
      a[i] = v;
    }
  }

  /** Rule positions as a hash key. */
  private record RuleList(int[] positions) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RuleList r && Arrays.equals(positions, r.positions);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(positions);
    }

    @Override
    public String toString() {
      return Arrays.toString(positions);
    }
  }
}
