package org.instancecap.core.track;

import java.util.Arrays;

/** The assignment of rows to columns with the least total cost (Kuhn–Munkres, O(n³)). */
public final class Hungarian {
    private Hungarian() {
    }

    /**
     * @param cost rows × columns, any shape; {@link Double#POSITIVE_INFINITY} forbids a pair
     * @return for each row the column assigned to it, or -1 when none (more rows than columns, or
     *         only forbidden pairs)
     */
    public static int[] assign(double[][] cost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        if (rows == 0 || cols == 0) {
            return result;
        }
        int n = Math.max(rows, cols);
        double big = 1;
        for (double[] row : cost) {
            for (double c : row) {
                if (Double.isFinite(c)) {
                    big = Math.max(big, Math.abs(c));
                }
            }
        }
        double forbidden = big * (n + 1) * 10;
        double[][] a = new double[n + 1][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i + 1][j + 1] = i < rows && j < cols && Double.isFinite(cost[i][j]) ? cost[i][j] : forbidden;
            }
        }
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = a[i0][j] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= n; j++) {
            int i = p[j] - 1;
            int c = j - 1;
            if (i < rows && c < cols && Double.isFinite(cost[i][c])) {
                result[i] = c;
            }
        }
        return result;
    }
}
