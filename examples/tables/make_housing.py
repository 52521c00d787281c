"""A small synthetic table shaped like the Boston housing data (13 numeric features, target MEDV
in thousands of dollars), generated with a fixed seed so it can be committed and re-made exactly.
Not the real data set: its values follow simple made-up relations with noise.

    python3 examples/tables/make_housing.py > examples/tables/housing.csv
"""
import random

random.seed(20261125)
COLUMNS = ["CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT", "MEDV"]
print(",".join(COLUMNS))
for _ in range(506):
    crim = round(random.expovariate(1 / 3.5), 5)
    zn = random.choice([0, 0, 0, 0, 12.5, 20, 25, 40, 80])
    indus = round(random.uniform(0.5, 27), 2)
    chas = 1 if random.random() < 0.07 else 0
    nox = round(0.38 + indus / 60 + random.uniform(0, 0.12), 3)
    rm = round(random.gauss(6.3, 0.7), 3)
    age = round(min(100, max(3, random.gauss(68, 28))), 1)
    dis = round(max(1.1, 12 - age / 10 + random.gauss(0, 1.2)), 4)
    rad = random.choice([1, 2, 3, 4, 5, 6, 7, 8, 24])
    tax = int(190 + rad * 18 + random.uniform(0, 200))
    ptratio = round(random.uniform(12.6, 22), 1)
    b = round(min(396.9, max(0.3, random.gauss(356, 90))), 2)
    lstat = round(max(1.7, 38 - 4.2 * rm + random.gauss(0, 4)), 2)
    # Price: more rooms up, more low-status population and crime down, a curve in LSTAT that a
    # linear model cannot follow, a river bonus.
    medv = 22 + 7.5 * (rm - 6.3) - 0.55 * lstat + 0.012 * (lstat - 12) ** 2 * 6 - 0.18 * crim + 3.5 * chas - 0.45 * (ptratio - 18) - 8 * (nox - 0.55) + random.gauss(0, 2.2)
    medv = round(min(50, max(5, medv)), 1)
    print(",".join(str(v) for v in [crim, zn, indus, chas, nox, rm, age, dis, rad, tax, ptratio, b, lstat, medv]))
