"""Commercial promotional wording (商业性宣传用语) that a declaration may not contain (Rules 2023 Art. 85).

The Implementing Rules do not list the words. This list is the project's own, documented here: it starts from
the absolute terms of the Advertising Law (2021) Art. 9(3) (国家级, 最高级, 最佳) and adds the superlatives,
rankings and sales talk that market regulators commonly treat as absolute or promotional terms. Single
characters and words with ordinary technical or legal uses (第一 as in 第一条, 最大 as in 最大功率, 唯一,
绝对, 100%) are left out on purpose, so that a plain declaration is never refused.
"""

from __future__ import annotations

PROMOTIONAL_TERMS: tuple[str, ...] = (
    # Advertising Law (2021) Art. 9(3)
    "国家级",
    "最高级",
    "最佳",
    # superlatives
    "最好",
    "最优",
    "最先进",
    "最强",
    "最低价",
    "顶级",
    "极品",
    "首选",
    "独一无二",
    "无与伦比",
    "史无前例",
    "前所未有",
    "万能",
    # rankings and leadership claims
    "全国第一",
    "世界第一",
    "行业第一",
    "排名第一",
    "销量第一",
    "第一品牌",
    "遥遥领先",
    "国际领先",
    "国内领先",
    "世界领先",
    "全球领先",
    "领导品牌",
    "王牌",
    "销量冠军",
    # sales talk
    "抢购",
    "秒杀",
    "限时优惠",
    "特价",
    "火爆",
    "稳赚",
    "躺赚",
    "保证盈利",
    "零风险",
)


def promotional_terms_in(text: str) -> list[str]:
    """The listed promotional terms found in ``text``, in list order, each once."""
    return [term for term in PROMOTIONAL_TERMS if term in text]
