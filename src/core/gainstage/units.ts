// Level units of the analog side. 0 dBu = 0.7746 V (1 mW into 600 ohm), 0 dBV = 1 V,
// 94 dB SPL = 1 Pa; a converter's alignment says which dBu reads 0 dBFS.

export const DBU_REFERENCE_VOLTS = Math.sqrt(0.6); // 0.774596... V
/** 0 dBV in dBu: 20 log10(1 / 0.7746) = +2.2185 dB. */
export const DBV_IN_DBU = -20 * Math.log10(DBU_REFERENCE_VOLTS);
export const SPL_AT_ONE_PASCAL = 94;

export const nominalLevelsDbu = {
  /** Professional line level, +4 dBu (1.228 V). */
  proLine: 4,
  /** Consumer line level, -10 dBV = -7.78 dBu. */
  consumerLine: -10 + DBV_IN_DBU,
};

/** Converter alignment: the dBu that reads 0 dBFS. */
export const alignmentsDbu = {
  /** EBU R68: -18 dBFS = 0 dBu. */
  ebuR68: 18,
  /** SMPTE RP155 (US): -20 dBFS = +4 dBu. */
  smpte: 24,
  /** Japan, France: -20 dBFS = +2 dBu. */
  japanFrance: 22,
};

export const dbuToVolts = (dbu: number): number => DBU_REFERENCE_VOLTS * 10 ** (dbu / 20);
export const voltsToDbu = (volts: number): number => 20 * Math.log10(volts / DBU_REFERENCE_VOLTS);
export const dbvToDbu = (dbv: number): number => dbv + DBV_IN_DBU;
export const dbuToDbv = (dbu: number): number => dbu - DBV_IN_DBU;

/** Mic sensitivity: mV/Pa to dBV/Pa (1.85 mV/Pa = -54.7 dBV/Pa). */
export const sensitivityMvPaToDbvPa = (mvPa: number): number => 20 * Math.log10(mvPa / 1000);
export const sensitivityDbvPaToMvPa = (dbvPa: number): number => 1000 * 10 ** (dbvPa / 20);

/** A microphone's output for a given SPL: S(dBV/Pa) + (SPL - 94) + 2.2185. */
export const micOutputDbu = (sensitivityDbvPa: number, splDb: number): number => sensitivityDbvPa + (splDb - SPL_AT_ONE_PASCAL) + DBV_IN_DBU;

export const dbuToDbfs = (dbu: number, alignmentDbu: number): number => dbu - alignmentDbu;
export const dbfsToDbu = (dbfs: number, alignmentDbu: number): number => dbfs + alignmentDbu;

/** Sum of uncorrelated noise levels, as powers. */
export const powerSumDb = (...levels: number[]): number => 10 * Math.log10(levels.reduce((s, l) => s + 10 ** (l / 10), 0));
