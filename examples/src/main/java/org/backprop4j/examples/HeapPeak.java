package org.backprop4j.examples;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.backprop4j.train.TrainingListener;

/**
 * The most Java heap in use while a training run lasts, from two sources: the used heap sampled
 * after every step, and the heap in use just before each garbage collection, which the collector
 * reports and which is where the heap peaks between two samples.
 *
 * <p>The peak counts everything on the heap, the data set and not yet collected garbage included,
 * so it depends on the collector and the heap size as much as on the backend; the garbage of
 * earlier work is collected when the measure starts. Off-heap memory (native backends' tensors) is
 * not counted. Steps are sampled on the training thread, collections on the JVM's notification
 * thread.
 */
final class HeapPeak implements TrainingListener, AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener onCollection = this::onCollection;

    private HeapPeak() {
        heapPools =
                ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP)
                        .map(MemoryPoolMXBean::getName)
                        .collect(Collectors.toSet());
    }

    /** Collects garbage, then starts measuring; close it to stop hearing collections. */
    static HeapPeak start() {
        System.gc();
        HeapPeak heapPeak = new HeapPeak();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(heapPeak.onCollection, null, null);
                heapPeak.emitters.add(emitter);
            }
        }
        heapPeak.sample();
        return heapPeak;
    }

    /** The peak so far, in bytes. */
    long bytes() {
        return peak.get();
    }

    @Override
    public void onStep(int epoch, int step, double loss) {
        sample();
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(onCollection);
            } catch (ListenerNotFoundException e) {
                throw new IllegalStateException("the collection listener vanished", e);
            }
        }
        emitters.clear();
    }

    private void sample() {
        record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    private void onCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long before = 0;
        for (Map.Entry<String, MemoryUsage> pool :
                info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                before += pool.getValue().getUsed();
            }
        }
        record(before);
    }

    private void record(long bytes) {
        peak.accumulateAndGet(bytes, Math::max);
    }
}
