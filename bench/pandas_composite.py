"""An analyst's pandas script computing the same scores as `npm run cli -- score --format csv`.

Usage: python3 bench/pandas_composite.py KPI_SET.json VALUES.csv OUT.csv

It reads the kpi-set/v1 file for the parameters (normalization, weights, aggregation, missing
policy "reweight" or "zero", grades) and writes stakeholder, composite, grade, rank, percentile,
objective.<code>..., coupling.C/T/D/class — the benchmark compares its composites with the CLI's.
"""
import json
import sys

import numpy as np
import pandas as pd

TOLERANCE = 1e-9


def normalize(x, indicator, scale):
    n = indicator["normalization"]
    method = n["method"]
    higher = indicator["direction"] == "higher"
    if method in ("goalposts", "minmax"):
        if method == "goalposts":
            lo, hi, ln = n["min"], n["max"], n.get("transform", "none") == "ln"
        else:
            lo, hi, ln = x.min(), x.max(), False
            if not hi > lo:
                return x.where(x.isna(), scale)
        c = x.clip(lo, hi)
        s = (np.log(c) - np.log(lo)) / (np.log(hi) - np.log(lo)) if ln else (c - lo) / (hi - lo)
        return (s if higher else 1 - s) * scale
    if method == "target":
        baseline = n.get("baseline", 0)
        return ((x - baseline) / (n["target"] - baseline)).clip(0, 1) * scale
    if method == "zscore":
        center = n.get("center", scale / 2)
        spread = n.get("spread", scale / 10)
        sd = x.std(ddof=0)
        z = (x - x.mean()) / sd if sd > 0 else x * 0
        return (center + spread * (z if higher else -z)).clip(0, scale)
    if method == "percentile":
        y = x if higher else -x
        rank = y.rank(method="min", ascending=False)
        count = y.notna().sum()
        return (count - rank) / (count - 1) * scale if count > 1 else x.where(x.isna(), scale)
    raise ValueError(f"unknown method {method}")


def aggregate(frame, weights, geometric):
    """Weighted mean over the present (non-NaN) columns, weights renormalized row by row."""
    w = np.asarray(weights, dtype=float)
    present = frame.notna().to_numpy()
    values = frame.to_numpy()
    weight_sum = (present * w).sum(axis=1)
    if geometric:
        with np.errstate(divide="ignore"):
            logs = np.where(present, np.log(np.where(present, values, 1.0)), 0.0)
        zero = (present & (values <= 0)).any(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            result = np.exp(np.where(zero, 0.0, (logs * w).sum(axis=1)) / weight_sum)
        result = np.where(zero, 0.0, result)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            result = (np.where(present, values, 0.0) * w).sum(axis=1) / weight_sum
    return np.where(weight_sum > 0, result, np.nan)


def main(kpi_path, values_path, out_path):
    with open(kpi_path, encoding="utf-8") as f:
        kpi = json.load(f)
    scale = kpi.get("scale", 100)
    aggregation = kpi.get("aggregation", {"indicators": "arithmetic", "objectives": "arithmetic"})
    missing = kpi.get("missing", {"policy": "reweight", "minCompleteness": 0.8})
    df = pd.read_csv(values_path, dtype={"stakeholder": str}, encoding="utf-8-sig")

    objective_scores = {}
    all_codes = []
    for objective in kpi["objectives"]:
        codes = [i["code"] for i in objective["indicators"]]
        all_codes += codes
        normalized = pd.DataFrame({i["code"]: normalize(df[i["code"]].astype(float), i, scale) for i in objective["indicators"]})
        if missing["policy"] == "zero":
            normalized = normalized.fillna(0.0)
        weights = np.array([i["weight"] for i in objective["indicators"]], dtype=float)
        score = aggregate(normalized, weights / weights.sum(), aggregation["indicators"] == "geometric")
        objective_scores[objective["code"]] = np.clip(score, 0, scale)
    objectives = pd.DataFrame(objective_scores)
    alpha = np.array([o["weight"] for o in kpi["objectives"]], dtype=float)
    alpha = alpha / alpha.sum()
    composite = np.clip(aggregate(objectives, alpha, aggregation["objectives"] == "geometric"), 0, scale)
    completeness = df[all_codes].notna().sum(axis=1).to_numpy() / len(all_codes)
    if missing["policy"] == "reweight":
        threshold = missing.get("minCompleteness", 0.8)
        composite = np.where(completeness >= threshold - TOLERANCE * max(1, threshold), composite, np.nan)
    composite = pd.Series(composite)

    grades = sorted(kpi["grades"], key=lambda g: -g["min"])
    grade = pd.Series(np.select(
        [composite >= g["min"] - TOLERANCE * max(1, g["min"]) for g in grades], [g["code"] for g in grades], default=""
    )).where(composite.notna(), "")
    rank = composite.rank(method="min", ascending=False)
    count = composite.notna().sum()
    percentile = (count - rank) / (count - 1) * 100 if count > 1 else rank * 0 + 100

    u = objectives.to_numpy() / scale
    n = u.shape[1]
    complete = ~np.isnan(u).any(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        gm = np.exp(np.log(u).mean(axis=1))
        c = np.where((u <= 0).any(axis=1) | (u.sum(axis=1) == 0), 0.0, np.clip(n * gm / u.sum(axis=1), 0, 1))
    t = np.clip((u * alpha).sum(axis=1), 0, 1)
    d = np.sqrt(c * t)
    coupling_class = np.minimum(10, np.floor(d * 10 + TOLERANCE) + 1)

    out = pd.DataFrame({"stakeholder": df["stakeholder"], "composite": composite, "grade": grade, "rank": rank, "percentile": percentile})
    for code in objectives.columns:
        out[f"objective.{code}"] = objectives[code]
    out["coupling.C"] = np.where(complete, c, np.nan)
    out["coupling.T"] = np.where(complete, t, np.nan)
    out["coupling.D"] = np.where(complete, d, np.nan)
    out["coupling.class"] = pd.array(np.where(complete, coupling_class, np.nan), dtype="Int64")
    out["rank"] = out["rank"].astype("Int64")
    out.to_csv(out_path, index=False)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: pandas_composite.py KPI_SET.json VALUES.csv OUT.csv")
    main(*sys.argv[1:])
