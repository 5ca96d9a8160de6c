// Wait-minute buckets of the goroutine histogram: how long goroutines have been blocked.

export const waitBucketEdges = [0, 1, 5, 15, 60, 240] as const;
export const waitBucketLabels = ['<1', '1-4', '5-14', '15-59', '60-239', '240+'] as const;

/** Bucket index of a wait in minutes (a goroutine without minutes waited under one). */
export function waitBucket(minutes: number): number {
  let b = 0;
  for (let i = 1; i < waitBucketEdges.length; i++) if (minutes >= waitBucketEdges[i]!) b = i;
  return b;
}
