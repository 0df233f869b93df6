"""The `regex` extractor: hand-written rules over clean (Simplified, half-width) text.

Numbers, dates and titles (DATE, MONEY, PERCENT, QUANTITY, WORK) are found by patterns
and valued by `extractors.values`; organisations and administrative areas (ORG, GPE) by
suffix rules: a proper-name stem plus an organisation word or an area designation, a level
prefix plus a government body, and short closed lists (national bodies, provinces,
countries). The lexicons below are language resources written for these rules: general
vocabulary, not strings copied from the seeds or the gold.

Where a word list cannot say whether a stem is a name (`融入市委` vs `嘉兴市委`), the rules
ask jieba's bundled dictionary for the word's part of speech: a verb, adverb or pronoun is
never a place or organisation name.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick

from extractors import automaton
from extractors.base import CleanTextExtractor, Hit
from extractors.package_data import package_dir
from extractors.schema import value_problem
from extractors.values import CURRENCIES, numeric_value, qualifier_mod, timex

# --- language resources -------------------------------------------------------------------

# Measure words, units and classifiers that make a QUANTITY after Arabic digits, each with the
# characters that, following it, make a different word (`3项目` is not `3项` + 目, `部门`...).
# Ordinal markers (第, 号, 版, 级) and calendar words (年, 月, 日) are deliberately absent.
MEASURE_WORDS: dict[str, str] = {
    # compound and verbal classifiers
    "人次": "", "户次": "", "场次": "", "条次": "", "批次": "", "车次": "", "架次": "", "篇次": "",
    "项次": "", "期次": "", "台次": "", "班次": "", "件次": "", "起次": "", "家次": "", "亩次": "",
    "台套": "", "课时": "", "学时": "", "工日": "", "人天": "", "人年": "", "个月": "", "周年": "",
    "次": "要序数日第", "回": "收报应归顾复来国访族", "遍": "及布地", "趟": "", "番": "茄",
    "轮": "胎船椅回换流", "场": "地所景馆合面景",
    # nominal classifiers
    "个": "", "项": "目", "家": "庭长乡属具电园居人用族", "名": "优列称单义牌录片誉额字气次",
    "位": "于置列居数", "人": "民大均口员才工事为们生类力", "件": "", "条": "件例款理线幅块形",
    "篇": "幅章", "所": "属在有以谓得需示说长", "座": "谈位右", "台": "湾阶账风", "套": "餐路",
    "批": "复准示发评判", "期": "间待望刊末中限货", "户": "口籍外型", "种": "植子养苗业类",
    "类": "型别似", "处": "理罚于置长室分", "门": "户槛类诊店口", "部": "门署分长委属位队件",
    "张": "贴力", "份": "额子", "块": "钱", "片": "区面", "栋": "", "幢": "", "间": "隔接距",
    "层": "次面级", "辆": "", "艘": "", "架": "构", "列": "入为车举", "只": "有是要能在",
    "头": "部条脑", "匹": "配", "株": "", "棵": "", "本": "地市县省届人身", "册": "",
    "颗": "", "粒": "", "根": "据本源", "支": "持部付出撑援", "把": "握关", "笔": "记",
    "宗": "旨教", "起": "来步点草诉源", "例": "如", "封": "闭锁建", "首": "都次位批家个创席府长",
    "幅": "度", "枚": "", "届": "时", "季": "度节", "段": "落", "节": "约能日点目", "堂": "",
    "课": "题程堂", "道": "路德理歉口", "组": "织建成合长", "对": "于接口比外象策",
    "双": "方边创向百一", "副": "", "包": "括装含联", "箱": "", "袋": "", "瓶": "颈", "桶": "",
    "盒": "", "罐": "", "车": "间辆站位", "船": "", "窝": "", "尾": "", "羽": "",
    "眼": "", "口": "号岸径头", "样": "品本式子", "款": "", "则": "", "杯": "", "盏": "",
    "顶": "", "床": "", "扇": "", "面": "向临积对",
    # measurement units
    "亩": "", "公顷": "", "顷": "", "平方米": "", "平方公里": "", "平方千米": "", "平米": "",
    "立方米": "", "方": "面案式向法针便", "米": "饭粉业", "厘米": "", "毫米": "", "公里": "",
    "千米": "", "里": "程面", "吨": "", "公斤": "", "千克": "", "克": "服隆", "毫克": "", "斤": "",
    "升": "级高学值温至到为", "毫升": "", "瓦": "", "千瓦": "", "兆瓦": "", "千瓦时": "",
    "度": "假过", "千伏": "", "伏": "", "赫兹": "", "兆": "", "字节": "", "倍": "",
    "岁": "月", "天": "然津下空地气使", "小时": "", "分钟": "", "秒": "", "周": "年边期围末岁转",
    "星期": "", "标箱": "", "马力": "", "摄氏度": "", "℃": "", "km": "", "kg": "", "mg": "",
    "mm": "", "cm": "", "m²": "", "m2": "", "m³": "", "㎡": "", "ml": "", "kW": "", "kWh": "",
    "MW": "", "GW": "", "GB": "", "TB": "", "MB": "", "t": "",
}

# Organisation words that end an ORG after a proper-name stem, each with the characters that,
# following it, make a different word (大学生, 中心城市, 局面, 报告...).
ORG_SUFFIXES: dict[str, str] = {
    "有限责任公司": "", "股份有限公司": "", "有限公司": "", "集团公司": "", "股份公司": "",
    "总公司": "", "分公司": "", "公司": "化制法", "集团": "化军", "大学": "生毕城", "学院": "派路",
    "研究院": "", "研究所": "", "研究中心": "", "科学院": "", "工程院": "", "农科院": "",
    "农业科学院": "", "社科院": "", "林科院": "", "医学院": "", "设计院": "", "规划院": "",
    "党校": "", "中学": "生", "小学": "生", "学校": "", "医院": "", "卫生院": "", "幼儿园": "",
    "委员会": "", "协会": "", "学会": "", "商会": "", "联合会": "", "基金会": "", "研究会": "",
    "促进会": "", "银行": "卡业", "信用社": "", "合作社": "", "日报": "", "晚报": "", "早报": "",
    "导报": "", "时报": "", "商报": "", "报社": "", "杂志社": "", "出版社": "", "通讯社": "",
    "电视台": "", "广播电台": "", "电台": "", "网": "络站上点格民友店页吧购红课速关校媒信评约签办商安",
    "局": "长面势限部域外", "厅": "长级堂", "办公室": "", "办公厅": "",
    "中心": "城组工任环区思校点线地内主", "站": "长点台在起稳", "所": "长属在有以谓得需示说提做用指能学取获",
    "厂": "长区房家商址", "图书馆": "", "博物馆": "", "纪念馆": "", "科技馆": "", "文化馆": "",
    "展览馆": "", "实验室": "", "科委": "", "发改委": "", "经信委": "", "卫健委": "", "教委": "",
    "农委": "", "国资委": "", "工信委": "", "建委": "", "计生委": "", "政法委": "", "事务所": "",
    "律师事务所": "", "检察院": "", "法院": "", "联盟": "", "工作站": "",
}
# A bare 所 ends an ORG only before a word boundary: `皮研所被认定`, `智能所和…`, `材料所专家`.
_SUO_NEXT = "专与和等的、在是为签共开成进合联及被"
# Company words need a proper name; the other words also take a level prefix plus a generic
# body (`市行政服务中心`, `县科技局`, `省农科院`).
_COMPANY_WORDS = frozenset({"有限责任公司", "股份有限公司", "有限公司", "集团公司", "股份公司", "总公司",
                            "分公司", "公司", "集团", "大学", "学院", "网", "联盟"})

# Words that carry no proper name: a stem made only of these (plus level characters) is a
# description (`工程技术研究中心`, `理工大学`, `科研院所`), not a name.
GENERIC_WORDS = """
科技 科学 技术 工程 研究 研发 开发 创新 创业 服务 管理 信息 农业 农村 工业 高新 国家 国际 省级 市级
县级 区级 重点 实验 公共 综合 专业 行政 区域 产业 孵化 示范 检测 转移 转化 企业 中小 小微 发展 改革
教育 培训 人才 知识产权 知识 产权 质量 安全 环境 生态 数据 智能 网络 电子 商务 金融 投资 咨询 设计 文化
旅游 卫生 健康 医疗 社会 经济 政务 便民 审批 交易 生产力 促进 成果 推广 工作 协调 合作 联合 新型 现代
先进 高等 职业 技工 师范 理工 农林 医科 财经 政法 工商 财政 税务 统计 发改 科协 农业农村 水利 林业
畜牧 兽医 农机 气象 地震 防震 减灾 住建 交通 运输 公安 司法 民政 人社 人力资源 社会保障 自然资源
规划 国土 应急 市场 监管 监督 卫健 文旅 体育 粮食 供销 扶贫 乡村振兴 振兴 组织 宣传 统战 纪检 监察
机关 党政 政府 人民 人大 政协 常委 大学 学院 院士 设计师 传媒 科研 院所 高校 中介 机构 部门 单位
行业 领导 小组 专家 基层 地方 本地 当地 外地 有关 相关 各类 各级 一批 首批 优秀 特色 传统 新兴
战略 公益 民营 国有 集体 个体 私营 科普 普及 检验 认证 标准 计量 测试 评估 评价 鉴定 办事 政务服务
人民政府 办公 事务 专项 资金 基金 项目 平台 基地 园区 中心 主体 技术转移 工程技术 电视 广播 新闻
联络 指导 保障 建设 城乡 住房 环保 能源 矿产 资源 海洋 渔业 种植 养殖 农产品 食品 药品 医药
指挥 监测 科创 科教 产学研 联盟 院士 农民 部分 一些 若干 多家 众多 所有 全部 各类 校企 政企 共建 重点实验室
"""

# Level prefixes of government and party bodies (`县科技局`, `市委`, `省市委`).
LEVEL_CHARS = "省市县区镇乡州旗盟村"
_LEVEL_PREFIX = r"(?:自治区|自治州|[省市县区镇乡州](?![级属]))"

# Bodies that follow a level prefix directly: 市委, 县政府, 市人大, 省市县委, 市委宣传部.
_PARTY_DEPTS = r"(?:宣传部|组织部|统战部|办公室|办公厅|政法委|党校|政研室)"
_LEVEL_BODIES = (rf"委(?![员托屈派任婉])(?:{_PARTY_DEPTS})?|人民政府|政府|人大(?:常委会)?|政协|纪委|监委|"
                 r"科协|妇联|团委|总工会|工商联|侨联|文联|残联|社科联")

# National bodies: one body each; an optional 国家 before a ministry (`国家科技部`).
NATIONAL_BODIES = """
国务院 党中央 中共中央 全国人大 全国人大常委会 全国政协 中央军委 中纪委 中央纪委 中组部 中宣部 中央宣传部
中央组织部 科学技术部 科技部 财政部 教育部 农业部 农业农村部 工业和信息化部 工信部 商务部 外交部 国防部
公安部 民政部 司法部 人力资源和社会保障部 人社部 自然资源部 国土资源部 生态环境部 环境保护部 环保部
住房和城乡建设部 住建部 交通运输部 交通部 水利部 文化和旅游部 文旅部 文化部 卫生部 应急管理部
退役军人事务部 国家卫生健康委员会 国家卫健委 国家发展和改革委员会 国家发展改革委 国家发改委 国资委
审计署 海关总署 国家税务总局 国家统计局 国家知识产权局 国家市场监督管理总局 国家市场监管总局 中国人民银行
银保监会 证监会 中国科学院 中科院 中国工程院 中国社会科学院 中国科协 中国农业科学院 中国农科院
国家自然科学基金委员会 国家能源局 国家林业和草原局 国家林草局 国家航天局 国家中医药管理局 国家药监局
国家医保局 国家体育总局 国家文物局 国家版权局 中国气象局 中国地震局 国家地震局 国家外汇管理局 国家邮政局
"""

# Provinces and equivalents (short names; `省`, `市` and `自治区` forms come from the suffix rules).
PROVINCES = """
北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南
四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门
内蒙古自治区 广西壮族自治区 西藏自治区 宁夏回族自治区 新疆维吾尔自治区 香港特别行政区 澳门特别行政区
"""
COUNTRIES = """
中国 中华人民共和国 美国 美利坚合众国 英国 法国 德国 日本 韩国 朝鲜 俄罗斯 意大利 加拿大 澳大利亚 新西兰
印度 巴西 墨西哥 阿根廷 南非 埃及 以色列 伊朗 伊拉克 沙特阿拉伯 沙特 土耳其 新加坡 马来西亚 泰国 越南
老挝 柬埔寨 缅甸 菲律宾 印度尼西亚 印尼 巴基斯坦 孟加拉国 哈萨克斯坦 乌兹别克斯坦 吉尔吉斯斯坦
塔吉克斯坦 土库曼斯坦 蒙古国 荷兰 比利时 瑞士 瑞典 挪威 丹麦 芬兰 冰岛 爱尔兰 西班牙 葡萄牙 希腊
波兰 捷克 斯洛伐克 匈牙利 奥地利 罗马尼亚 保加利亚 塞尔维亚 克罗地亚 乌克兰 白俄罗斯 格鲁吉亚
亚美尼亚 阿塞拜疆 阿联酋 卡塔尔 科威特 约旦 叙利亚 黎巴嫩 阿富汗 尼泊尔 斯里兰卡 秘鲁 哥伦比亚
委内瑞拉 古巴 厄瓜多尔 乌拉圭 巴拉圭 玻利维亚 尼日利亚 肯尼亚 埃塞俄比亚 坦桑尼亚 摩洛哥 阿尔及利亚
突尼斯 利比亚 安哥拉 赞比亚 津巴布韦 乌干达 卢森堡 马耳他 塞浦路斯 立陶宛 拉脱维亚 爱沙尼亚 斯洛文尼亚
"""

# Area designations after a place-name stem, and the characters that, following them, make a
# different word (市场, 区域, 乡村, 镇压...).
GPE_SUFFIXES: dict[str, str] = {
    "特别行政区": "", "自治区": "", "自治州": "", "自治县": "", "自治旗": "", "街道": "办口路",
    "省": "钱力略去心事得吃份长", "市": "场民值面容区县长", "县": "域市区长", "区": "域别分块间内外县长",
    "镇": "压静守定痛纸长", "乡": "村镇土亲愁贤长", "村": "庄落长", "旗": "帜舰下号手杆袍鼓开县", "盟": "友军约誓国员",
}
# Common words ending in a designation character: the stem's last character plus the suffix.
_NOT_PLACE = frozenset("""
城市 超市 上市 股市 楼市 夜市 集市 开市 街市 早市 菜市 黑市 花市 车市 县市 省市 全市 本市
副市 副县 副省 副区 副镇 副乡
郡县 旗县 市县 省县 全县 强县 大县 困县 点县 范县 进县 区县
地区 社区 园区 景区 城区 市区 山区 辖区 片区 校区 小区 牧区 灾区 老区 苏区 郊区 林区 矿区 误区 新区
发区 范区 验区 税区 能区 心区 步区 贸区 军区 战区 县区 旗区 管区 特区 试区 专区 湾区 街区 厂区 营区
展区 禁区 盲区 洼区 作区 业区 游区 居区 产区 值区 水区 界区
乡镇 城镇 集镇 重镇 古镇 名镇 小镇 强镇 范镇 业镇 市镇 县镇 坐镇 村镇
城乡 下乡 家乡 故乡 侨乡 老乡 返乡 还乡 异乡 他乡 水乡 梦乡 同乡 思乡 本乡 市乡 县乡
农村 乡村 山村 渔村 范村 业村 政村 然村 困村 心村 明村 一村 千村 万村 百村 村村 假村 居村 美村 丽村
国旗 党旗 红旗 锦旗 队旗 团旗 军旗 彩旗 战旗 升旗 会旗 校旗 县旗
联盟 同盟 结盟 加盟 欧盟
""".split())
# Characters never inside a place-name stem: function words, deictics, classifiers.
_STEM_STOP = set("的了在于与和及对向从到赴由将把被为是等或并也又再就还而让使给据以即跟请待其之这那此每该"
                 "我你他她它们本全各个名位项次批届号年月日驻往去省市县区镇乡村旗局厅部委办院所校站")
# Parts of speech (jieba tags) that are never a name stem: verbs, prepositions, adverbs...
_FUNCTION_TAGS = ("v", "vn", "vd", "p", "c", "d", "r", "ad", "a", "t", "f", "y", "e", "o", "u", "ud", "ug", "uj",
                  "ul", "uv", "uz")

# Characters that end an organisation stem on the left.
_ORG_STOP = set("的了在于和及对向从到赴由将把被为是等或并也又再就还而让使给据以即跟请待这那此每该我你他她"
                "它们本全个家名位项次批届号年月日,，。;；:：!！?？、“”‘’\"'《》〈〉「」『』【】[]{} \t\n")
_DEICTIC = "我全本该各此这那每某其驻"
# Verbs that introduce an organisation: a stem never runs left across them (带领三明市农科院).
ORG_STOP_WORDS = frozenset("""
带领 邀请 组织 推荐 支持 帮助 推动 协调 联合 依托 依靠 借助 通过 透过 经过 成立 建立 组建 设立 共建 建成
下设 签约 签订 签署 走访 调研 考察 携手 牵头 认定 表彰 获得 获批 作为 加入 围绕 包括 其中 目前 同时 此外
另外 已经 正在 前往 来到 进入 入驻 落户 委托 授予 批准 指导 引导 扶持 培育 申报 配合 会同 协同 对接 联系
抓好 做好 打造 创建 举办 承办 主办 召开 印发 转发 下发 发布 公布 评为 列为 确定 成为 属于 隶属 来自
位于 地处 依据 根据 按照 结合 参加 参与 选派 派驻 聘请 聘任 招聘 引进 洽谈 新建 新增 建有 拥有 设有
""".split())
# Common words ending in an organisation word's first character: 格局, 大局, 网站, 台站, 院所.
_NOT_ORG = frozenset("""
格局 布局 开局 大局 全局 结局 僵局 当局 时局 政局 饭局 骗局 棋局 残局 终局 变局 定局 出局 入局 破局 新局
网站 台站 车站 驿站 基站 泵站 院所 府中心 委中心 场所 住所 处所 厕所
""".split())
_LEVEL_WORDS = ("自治区", "自治州", "自治县", "自治旗", "特别行政区")
# Administrative process words that jieba tags as nouns but never name a place (`申报市级项目`).
_PROCESS_WORDS = frozenset("申报 备案 审核 评审 验收 审批 考核 立项 认定 推荐 评选 争创 创建 打造".split())

# --- patterns ---------------------------------------------------------------------------------

_CN_NUM = "零〇一二两三四五六七八九十百千万亿"
_NUM = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"
# `22、5万`: a garbled decimal point, recognised only before a multiplier (else `2、3个` is a list).
_GARBLED = r"\d+、\d+(?=[多余]?[十百千万亿])"
_NUMX = rf"(?:{_GARBLED}|{_NUM})"
# Multipliers, except the 千 of 千克/千米/千瓦 and the 百 of 百帕, which belong to the unit.
_MULT = "(?:[十万亿]|千(?![克米瓦伏卡帕])|百(?!帕))*"
_AMOUNT = rf"{_NUMX}[多余]?{_MULT}[多余]?"
_CONN = r"\s?[-—–~～〜至到]\s?"
_RANGE = rf"{_NUMX}{_MULT}{_CONN}{_AMOUNT}"
_LEAD = r"(?<![\d.A-Za-z/\\_])"


def _holds_any(text: str, needs: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `needs` (any text, when there are none)."""
    if not needs:
        return True
    for n in needs:  # a loop, not any(...): this runs for every pattern on every text
        if n in text:
            return True
    return False


class _Scanner:
    """`pattern.finditer`, with the pattern tried only where `trigger` matches.

    Python's regex engine finds a pattern that opens with a character class by a fast scan for
    that class, but tries one that opens with a lookbehind or a lookahead at every position.
    `trigger` opens with a class and states what every match of `pattern` meets at its start, so
    the pattern runs only at the few positions that may start a match; the matches are exactly
    those of `pattern.finditer` (two to four times faster on a page). A text holding none of
    `needs` (strings every match holds one of) is not scanned at all.
    """

    def __init__(self, trigger: str, pattern: str, needs: tuple[str, ...] = ()) -> None:
        self.trigger = re.compile(trigger)
        self.pattern = re.compile(pattern)
        self.needs = needs

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not _holds_any(text, self.needs):
            return
        search, match = self.trigger.search, self.pattern.match
        pos = 0
        while (t := search(text, pos)) is not None:
            m = match(text, t.start())
            if m is None:
                pos = t.start() + 1
            else:
                yield m
                pos = max(m.end(), m.start() + 1)


def _alternation(words: Iterable[str], follow: dict[str, str] | None = None) -> str:
    """An alternation of `words` that matches the longest word it can, written as a trie: the
    engine tries alternatives one by one, and a trie reads a shared prefix once (公司, 有限公司,
    股份有限公司) instead of trying every word. A word with forbidden followers gets a negative
    lookahead; where it fails, a shorter word on the same path is tried, as in a longest-first list."""
    trie: dict[str, dict] = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = (follow or {}).get(w, "")  # the word ends here; "" holds its forbidden followers

    def below(node: dict) -> str:
        alts = [re.escape(ch) + below(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:  # after the longer words: the engine tries alternatives in order
            alts.append(f"(?![{re.escape(node[''])}])" if node[""] else "")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "|".join(re.escape(ch) + below(child) for ch, child in sorted(trie.items()))


_HAN_UNITS = {u: ex for u, ex in MEASURE_WORDS.items() if not u.isascii()}
# Latin units (km, kg, kW) must end the word: `5kg`, not the start of `5kgs`.
_UNIT = _alternation(_HAN_UNITS, _HAN_UNITS) + "|" + "|".join(
    re.escape(u) + r"(?![A-Za-z\d])" for u in sorted(MEASURE_WORDS, key=len, reverse=True) if u.isascii())
_CURRENCY = _alternation(CURRENCIES, {"元": "化素旦宵首帅老件气器朝代曲", "日元": "宵旦"})

# An amount and its currency (MONEY) or measure word (QUANTITY); the currency is tried first
# so that 50块钱 is money and 50块 a quantity.
# The number patterns open with a digit, found by the engine's fast scan, and make the _LEAD
# test right after it; the rest is written for a number whose first digit is read (\d+ -> \d*).
# The matches are those of _LEAD(?:_RANGE|_AMOUNT)... (tests/test_rules.py checks this).
_DIGIT_LEAD = r"\d(?<![\d.A-Za-z/\\_]\d)"
# Digit runs are possessive: no unit, currency or % starts with a digit, so giving digits back
# never lets a match through, and the engine is spared retrying every unit after each one.
_NUM_REST = r"\d*+(?:,\d{3}(?!\d))*+(?:\.\d++)?"
_NUMX_REST = rf"(?:\d*+、\d++(?=[多余]?[十百千万亿])|{_NUM_REST})"
_AMOUNT_RE = re.compile(rf"{_DIGIT_LEAD}(?:{_NUMX_REST}{_MULT}{_CONN}{_AMOUNT}|{_NUMX_REST}[多余]?{_MULT}[多余]?)"
                        rf"(?:(?P<currency>{_CURRENCY})|{_UNIT})")
_CN_MONEY_RE = _Scanner(rf"[一二两三四五六七八九十](?<![{_CN_NUM}].)[{_CN_NUM}多余]*(?:{_CURRENCY})",
                         rf"(?<![{_CN_NUM}])[一二两三四五六七八九十][{_CN_NUM[:-2]}]*[多余]?[万亿]*[多余]?"
                         rf"(?:{_CURRENCY})")
# Percentages in digits, and in words (百分之十, 三分之二); the two never overlap.
_PERCENT_RE = re.compile(
    rf"{_DIGIT_LEAD}(?:{_NUM_REST}%?{_CONN}{_NUM}%|{_NUM_REST}%|{_NUM_REST}(?:{_CONN}{_NUM})?个?百分点)")
_CN_PERCENT_RE = re.compile(
    rf"[一二两三四五六七八九十百千万](?<![{_CN_NUM}].)[一二两三四五六七八九十百千万]*分之"
    rf"(?:[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)")
# Each with the strings one of which every match holds: a text without them is not scanned.
_NUMBER_PATTERNS = ((_AMOUNT_RE, ()), (_PERCENT_RE, ("%", "百分点")), (_CN_PERCENT_RE, ("分之",)))
_FRACTION_RE = _Scanner(r"[1-9](?<![\d/.:\-A-Za-z].)\d{0,2}/",
                        r"(?<![\d/.:\-A-Za-z])([1-9]\d{0,2})/([1-9]\d{0,2})(?![\d/.:%A-Za-z])", needs=("/",))

# A year: four digits, four Chinese digits (二〇一六), or a placeholder (20xx, XX).
_Y = (r"(?:(?<![\d.])[12]\d{3}|(?<![〇零一二三四五六七八九十])[〇零一二三四五六七八九]{4}"
      r"|(?<![A-Za-z\d])(?:19|20)?[xX×]{2})")
_YEAR = rf"{_Y}年(?:度|底|末|初(?![步期次始级心衷]))?"
_PERIOD = r"(?:上半年|下半年|第?[一二三四]季度)"
_MON_AR = r"(?<![\d.])(?:1[0-2]|0?[1-9])"
_MON = (rf"(?:{_MON_AR}|(?<![〇零一二两三四五六七八九十百千万第])(?:十[一二]|[一二三四五六七八九十]))"
        r"月(?:份|底|末|初(?![步期次])|上旬|中旬|下旬)?")
_DAY_N = r"(?:3[01]|[12]\d|0?[1-9])"
_DAY = rf"(?:{_DAY_N}|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
_POD = r"(?:凌晨|早上|上午|中午|下午|傍晚|晚上|晚间|晚(?![会宴餐报饭霞辈点期]))"
_TIME = r"(?:\s?(?:[01]?\d|2[0-4])(?::[0-5]\d|[时点](?:[0-5]?\d分|半)?))"
_DAYPART = rf"{_DAY}(?:{_POD})?{_TIME}?"
_POINT = rf"(?:{_YEAR}(?:{_PERIOD}|{_MON}(?:{_DAYPART})?)?|{_MON}(?:{_DAYPART})?)"
_DCONN = r"\s?(?:至|到|-|—|–|~|～|〜)\s?"
# Every date opens with a year or a month: digits (or a 20xx placeholder) before 年, 月 or a
# range connector, or Chinese numerals before 年 or 月.
_CN_DATE_DIGIT = "〇零一二三四五六七八九十"
_DATE_START = (rf"[\dxX×{_CN_DATE_DIGIT}](?:(?<=\d)(?<!\d\d)\d{{0,3}}(?:[xX×]{{2}})?(?:年|月|\s?[至到\-—–~～〜])"
               rf"|(?<=[xX×])[xX×]年|(?<=[{_CN_DATE_DIGIT}])[{_CN_DATE_DIGIT}]{{0,3}}[年月])")
_DATE_RE = _Scanner(_DATE_START,
    rf"(?<![\d.])[12]\d{{3}}{_DCONN}[12]\d{{3}}年(?:度)?"                       # 2016-2020年
    rf"|(?:{_YEAR})?{_MON_AR}月{_DAY_N}{_DCONN}{_DAY_N}[日号]"                   # 6月1-3日
    rf"|(?:{_YEAR})?{_MON_AR}{_DCONN}(?:1[0-2]|0?[1-9])月(?:份)?"                # 1-10月
    rf"|{_POINT}(?:{_DCONN}(?:{_POINT}|{_DAYPART}))?",                          # points, ranges
    needs=("年", "月"))
_ISO_POINT = (r"[12]\d{3}(?:-(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9])|/(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])"
              r"|\.(?:1[0-2]|0?[1-9])\.(?:3[01]|[12]\d|0?[1-9]))(?![\d.])"
              r"(?:(?:\s{1,2}|T)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)?")
_ISO_RE = _Scanner(r"[12](?<![\d.].)\d{3}[-/.]", rf"(?<![\d.]){_ISO_POINT}(?:\s?(?:至|到|~|～)\s?{_ISO_POINT})?"
                     r"|(?<![\d.])[12]\d{3}[-/](?:0[1-9]|1[0-2])(?![\d\-/年.])", needs=("-", "/", "."))
# `5.12纪念日`, `4·26世界知识产权日`: the number of a named day.
_NAMED_DAY_RE = _Scanner(r"\d(?<![\d.].)\d?[·•・.]",
                         r"(?<![\d.])(?:1[0-2]|0?[1-9])([·•・.])(?:3[01]|[12]\d|0?[1-9])(?![\d.%])",
                         needs=("·", "•", "・", "."))
# With a dot (`5.12`, also a decimal) a day word must follow: 纪念日, 地震, or a name ending in 日/节.
_NAMED_DAY_WORD = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:纪念日|事件|事变|地震|惨案|运动)|[\u4e00-\u9fff]{1,10}?[日节]")
# A bare year before a name: `2013中国·…`.
_BARE_YEAR_RE = _Scanner(r"[12](?<![\d.\[〔【(/\-].)[09]\d\d", r"(?<![\d.\[〔【(/\-])(?:19|20)\d{2}(?![\d.%/\-])",
                         needs=("19", "20"))

_HAN = re.compile(r"[\u4e00-\u9fff]")
# A run of characters an organisation stem goes left over without a second look: Han, letters,
# digits, - and ·, but no stop character, bracket or 与 (read on the reversed text).
_PLAIN_RUN_RE = re.compile("(?:(?![" + re.escape("".join(sorted(_ORG_STOP | set("()与"))))
                           + r"])(?:[^\W_]|[\u4e00-\u9fff\-·]))*")
# Two Han characters, neither a stop character: a place-name stem.
_HAN_STEM_RE = re.compile("(?:(?![" + re.escape("".join(sorted(_STEM_STOP))) + r"])[\u4e00-\u9fff]){2}")
_DIGITS_RE = re.compile(r"\d+")
_PLACEHOLDER_RE = re.compile("[xX×]")
_TITLE_MARK_RE = re.compile(r"[《》\n]")
_FILLER_RE = re.compile(r"[\d\-()·的之和与及、]")  # what a stem may hold besides words
# What may not follow a named day or a bare year: more digits of an amount, a unit, a currency.
_AMOUNT_TAIL_RE = re.compile(rf"[多余{_CN_NUM}]|{_UNIT}|{_CURRENCY}")


def _suffix_re(words: dict[str, str]) -> re.Pattern[str]:
    return re.compile(_alternation(words, words))  # opens with literals: found by the engine's fast scan


_ORG_SUFFIX_RE = _suffix_re(ORG_SUFFIXES)
_GPE_SUFFIX_RE = _suffix_re(GPE_SUFFIXES)
_GENERIC_RE = re.compile(_alternation(GENERIC_WORDS.split()))
_LEVEL_PREFIX_RE = re.compile(_LEVEL_PREFIX)
# (?:自治区|自治州|[省市县区州]{1,3})(?:_LEVEL_BODIES)|省厅(?![长级]), written to open with a class
_LEVEL_BODY_RE = re.compile(rf"[省市县区州自](?:(?<=自)治[区州](?:{_LEVEL_BODIES})"
                            rf"|(?<=[省市县区州])[省市县区州]{{0,2}}(?:{_LEVEL_BODIES})|(?<=省)厅(?![长级]))")
_CENTRE_RE = re.compile(r"中央(?<![党中]中央)(?=[和、及与,]|精神|决策|部署|要求|关于|文件|领导|指示)")
_PARTY_GROUP_RE = re.compile(r"党组|党委|机关党委|党支部|党总支")
_PROVINCES = frozenset(PROVINCES.split())
_GENERIC_SET = frozenset(GENERIC_WORDS.split())
_GPE_SUFFIXES_LONGEST = tuple(sorted(GPE_SUFFIXES, key=len, reverse=True))
_ORG_ENDING_RE = re.compile("局|厅|委|公司|大学|学院|院|所|中心|集团")


# --- lexicon from jieba's dictionary -----------------------------------------------------------

@lru_cache(maxsize=1)
def _jieba_lexicon() -> tuple[dict[str, str], frozenset[str]]:
    """(function words -> tag, place names of 3-4 characters) from jieba's bundled dict.txt.

    Read straight from the file (jieba itself is not imported or initialised): ~0.3 s once.
    """
    path = package_dir("jieba") / "dict.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}, frozenset()
    tags = "|".join(_FUNCTION_TAGS)
    function_words = dict(re.findall(rf"^(\S{{1,4}}) \d+ ({tags})$", text, re.M))
    places = frozenset(re.findall(r"^(\S{3,4}) \d+ ns$", text, re.M))
    return function_words, places


# --- finders ------------------------------------------------------------------------------------

def _identifier(num: str, clean: str, start: int) -> bool:
    """Ordinals (`第3期`), identifiers (`05102027号`, phone and code numbers) are not amounts."""
    digits = _DIGITS_RE.match(num)
    if digits is None:
        return False
    whole = digits.group(0)
    if len(whole) >= 8 or (len(whole) > 1 and whole[0] == "0"):
        return True
    return clean[max(0, start - 2):start].rstrip().endswith("第")


def _numeric_hit(label: str, clean: str, s: int, e: int) -> Hit | None:
    value = numeric_value(label, clean[s:e], before=clean[max(0, s - 4):s], after=clean[e:e + 3], normalised=True)
    if value is None:
        return None
    return Hit(s, e, label, value, priority=2)


def find_numbers(clean: str) -> Iterator[Hit]:
    """MONEY, PERCENT and QUANTITY; an overlap is settled later by length (`20.5个百分点`)."""
    for pattern, needs in _NUMBER_PATTERNS:
        if not _holds_any(clean, needs):
            continue
        for m in pattern.finditer(clean):
            if _identifier(m.group(), clean, m.start()):
                continue
            label = "PERCENT" if pattern is not _AMOUNT_RE else "MONEY" if m.group("currency") else "QUANTITY"
            hit = _numeric_hit(label, clean, m.start(), m.end())
            if hit:
                yield hit
    for m in _CN_MONEY_RE.finditer(clean):
        if any(ch in "十百千万亿" for ch in m.group()):  # `三元` is too ambiguous (三元区, 一元化)
            hit = _numeric_hit("MONEY", clean, m.start(), m.end())
            if hit:
                yield hit
    for m in _FRACTION_RE.finditer(clean):
        a, b = int(m.group(1)), int(m.group(2))
        before, after = clean[max(0, m.start() - 6):m.start()], clean[m.end():m.end() + 2]
        # A fraction is a proportion only in a proportion context (占…2/3, 2/3以上); else a date or code.
        if a < b and ("占" in before or "比" in before or qualifier_mod(before, after, normalised=True)):
            hit = _numeric_hit("PERCENT", clean, m.start(), m.end())
            if hit:
                yield hit


def find_dates(clean: str) -> Iterator[Hit]:
    """DATE: calendar expressions and ranges, ISO dates, named days (`4·26`), bare years before a name."""
    for pattern in (_DATE_RE, _ISO_RE):
        for m in pattern.finditer(clean):
            value = timex(m.group(), normalised=True)
            # No value means no date (2月30日), unless the year is a placeholder (20xx年).
            if value is not None or _PLACEHOLDER_RE.search(m.group()):
                yield Hit(m.start(), m.end(), "DATE", value, priority=2)
    for m in _NAMED_DAY_RE.finditer(clean):
        rest = clean[m.end():m.end() + 14].lstrip("”\"’」』")
        if m.group(1) == ".":
            ok = bool(_NAMED_DAY_WORD.match(rest))
        else:  # 4·26: a middle dot between two numbers is a named day before a name
            ok = bool(rest) and bool(_HAN.match(rest)) and not _AMOUNT_TAIL_RE.match(rest)
        if ok:
            yield Hit(m.start(), m.end(), "DATE", timex(m.group(), normalised=True), priority=2)
    for m in _BARE_YEAR_RE.finditer(clean):
        nxt = clean[m.end():m.end() + 1]
        if not nxt or not (nxt in "·“\"" or _HAN.match(nxt)) or nxt in "年月日号届期版次级第":
            continue
        if _AMOUNT_TAIL_RE.match(clean, m.end()):
            continue
        if clean[max(0, m.start() - 1):m.start()] == "第":
            continue
        yield Hit(m.start(), m.end(), "DATE", m.group(), priority=2)


def find_works(clean: str) -> Iterator[Hit]:
    """Titles in 《》, brackets outside; a nested title is part of the outer one."""
    if "《" not in clean:
        return
    opened: list[int] = []
    for m in _TITLE_MARK_RE.finditer(clean):
        ch = m.group()
        if ch == "\n":  # a title never runs over a line break: drop unclosed brackets
            opened.clear()
        elif ch == "《":
            opened.append(m.end())
        elif opened:
            start = opened.pop()
            title = clean[start:m.start()]
            if not opened and title.strip() and value_problem("WORK", title) is None:
                yield Hit(start, m.start(), "WORK", None, priority=3)


def _is_generic(stem: str) -> bool:
    """True when the stem holds no proper-name element."""
    rest = _FILLER_RE.sub("", _GENERIC_RE.sub("", stem))
    return rest == "" or all(ch in LEVEL_CHARS for ch in rest)


class _NameRules:
    """ORG and GPE suffix rules; holds the jieba-derived lexicon."""

    def __init__(self) -> None:
        self.function_words, self.places = _jieba_lexicon()
        _lexicon()  # built now, not on the first document

    def _not_a_name(self, word: str) -> bool:
        # ORG_STOP_WORDS: a verb that introduces an organisation (会同市财政局: 会同 + 市财政局), even
        # where jieba tags it a noun
        return (bool(self.function_words.get(word)) or word in _GENERIC_SET or word in _PROCESS_WORDS
                or word in ORG_STOP_WORDS)

    # GPE ---------------------------------------------------------------------------------------
    def _place_stem(self, clean: str, s: int, suffix: str) -> int | None:
        """Start of the place-name stem before the designation at `s`, or None."""
        if suffix in ("省", "自治区", "特别行政区"):
            for n in (5, 4, 3, 2):
                if s - n >= 0 and clean[s - n:s] in _PROVINCES:
                    return s - n
            return None
        for n in (4, 3):  # a longer stem only when the dictionary knows it as a place
            stem = clean[s - n:s] if s >= n else ""
            # ...but not a designated area before another designation (嘉兴县 + 市首位), except
            # below a town: 中关村街道.
            if stem in self.places and (stem[-1] not in LEVEL_CHARS or suffix in ("街道", "镇", "乡", "村")):
                return s - n
        if s < 2:
            return None
        stem = clean[s - 2:s]
        if not _HAN_STEM_RE.fullmatch(stem):
            return None
        if stem[-1] + suffix[0] in _NOT_PLACE or stem + suffix in _NOT_PLACE or self._not_a_name(stem):
            return None
        # 落实好市委, 科技兴市: the stem's first character ends a word before it: no name.
        if s >= 3 and self._not_a_name(clean[s - 3:s - 1]):
            return None
        return s - 2

    def gpe_candidates(self, clean: str) -> list[tuple[int, int]]:
        out = []
        for m in _GPE_SUFFIX_RE.finditer(clean):
            start = self._place_stem(clean, m.start(), m.group())
            if start is not None:
                out.append((start, m.end()))
        return out

    def find_gpes(self, clean: str, candidates: list[tuple[int, int]], listed: list[Hit]) -> Iterator[Hit]:
        stems = set()
        for s, e in candidates:
            yield Hit(s, e, "GPE", None, priority=1)
            name = clean[s:e]
            for suf in _GPE_SUFFIXES_LONGEST:
                if name.endswith(suf) and len(name) - len(suf) >= 2:
                    stems.add(name[:-len(suf)])
                    break
        yield from listed
        for stem in stems:  # a name seen with its designation is a name on its own too (嘉兴市 -> 嘉兴)
            i = clean.find(stem)
            while i >= 0:
                yield Hit(i, i + len(stem), "GPE", None, priority=1)
                i = clean.find(stem, i + 1)

    # ORG ---------------------------------------------------------------------------------------
    def _stops(self, clean: str, ends: set[int]) -> set[int]:
        """Positions a stem never runs left past: `ends`, the ends of verbs that introduce an
        organisation (带领三明市农科院), and the end of a verb right after an organisation word,
        which starts a new mention (科技局推荐福建农林大学)."""
        for m in _ORG_ENDING_RE.finditer(clean):
            w = clean[m.end():m.end() + 2]
            if self.function_words.get(w, "").startswith("v") and w not in _GENERIC_SET:
                ends.add(m.end() + 2)
        return ends

    def _stem_start(self, clean: str, rev: str, s: int, stops: set[int], stop_list: list[int]) -> int:
        """Scan left from an organisation word over name characters to the stem's start.

        The plain run before `s` is read at once (`rev` is the text reversed), and the nearest
        stop inside it found by bisection (`stop_list` is `stops` sorted); only a bracket or 与
        at the run's left edge needs the scan character by character."""
        limit = max(0, s - 24)
        i = s - (_PLAIN_RUN_RE.match(rev, len(clean) - s, len(clean) - limit).end() - (len(clean) - s))
        k = bisect_right(stop_list, s) - 1
        if k >= 0 and stop_list[k] >= i:
            return stop_list[k]
        if i == limit or clean[i - 1] not in "()与":
            return i
        return self._stem_scan(clean, i, limit, stops)

    def _stem_scan(self, clean: str, i: int, limit: int, stops: set[int]) -> int:
        """The scan left from `i`, one character at a time."""
        depth = 0
        while i > limit and i not in stops:
            ch = clean[i - 1]
            if ch == ")":
                depth += 1
            elif ch == "(":
                if depth == 0:
                    break
                depth -= 1
            elif ch == "与":
                # 材料技术与工程研究所: a 与 between two generic words is inside the name.
                left, right = clean[max(0, i - 3):i - 1], clean[i:i + 2]
                if not (_GENERIC_RE.search(left[-2:]) and _GENERIC_RE.match(right)):
                    break
            elif ch in _ORG_STOP or not ("\u4e00" <= ch <= "\u9fff" or ch.isalnum() or ch in "-·"):
                break
            i -= 1
        return i

    def _trim(self, stem: str) -> str:
        """Drop leading function words and deictics: 依托青海… -> 青海…, 其中新凤鸣 -> 新凤鸣."""
        while stem and not stem.startswith(_LEVEL_WORDS):
            generic = _GENERIC_RE.match(stem)  # 设计师协会: 设计 is part of the generic 设计师
            for n in (4, 3, 2):
                if len(stem) >= n and self.function_words.get(stem[:n]) and not (generic and generic.end() > n):
                    # 批复工程…: when the word overlaps a generic word after it, 工 belongs to 工程.
                    stem = stem[n - 1:] if _GENERIC_RE.match(stem, n - 1) else stem[n:]
                    break
            else:
                if stem[0] == "(":  # a leading parenthetical is not the name: drop it whole
                    stem = stem[stem.find(")") + 1:] if ")" in stem else stem[1:]
                    continue
                if stem[0] in _DEICTIC or stem[0] in _ORG_STOP or stem[0] in "-·)":
                    stem = stem[1:]
                    continue
                return stem
        return stem

    def _org_from_suffix(self, clean: str, rev: str, m: re.Match[str], stops: set[int],
                         stop_list: list[int]) -> tuple[int, int] | None:
        suffix, s, e = m.group(), m.start(), m.end()
        if suffix == "所" and clean[e:e + 1] and _HAN.match(clean[e]) and clean[e] not in _SUO_NEXT:
            return None
        if s == 0:
            return None
        # 政局, 布局, 府中心 are no organisation words; but after a field a one-character word is the
        # body: 财政 + 局 is the finance bureau
        if (clean[s - 1] + suffix in _NOT_ORG or clean[s - 1] + suffix[0] in _NOT_ORG) \
                and not (len(suffix) == 1 and clean[max(0, s - 2):s] in _GENERIC_SET):
            return None
        if len(suffix) == 2 and self.function_words.get(clean[s - 1] + suffix[0]) \
                and self.function_words.get(suffix[1] + clean[e:e + 1]):
            return None  # 集中学习 reads 集中 + 学习: 中学 is not the word here
        stem = self._trim(clean[self._stem_start(clean, rev, s, stops, stop_list):s])
        if not stem:
            return None
        start = s - len(stem)
        # 嘉兴市级区域…中心: "X-level" plus a description is a description.
        lvl_adj = stem.rfind("级")
        if lvl_adj >= 0 and _is_generic(stem[lvl_adj + 1:]):
            return None
        if not _is_generic(stem):
            return start, e
        # A level prefix plus a generic body names one government body: 县科技局, 市行政服务中心.
        lvl = _LEVEL_PREFIX_RE.match(stem)
        if lvl and suffix not in _COMPANY_WORDS:
            body = stem[lvl.end():]
            if not body or _GENERIC_RE.sub("", body) == "":
                return start, e
        return None

    def find_orgs(self, clean: str, gpes: list[tuple[int, int]], listed: list[Hit],
                  stop_ends: set[int]) -> Iterator[Hit]:
        gpe_by_end: dict[int, int] = {}
        for s, e in gpes:
            gpe_by_end[e] = min(s, gpe_by_end.get(e, s))
        spans: list[tuple[int, int]] = []
        stops = self._stops(clean, stop_ends)
        rev, stop_list = clean[::-1], sorted(stops)
        for m in _ORG_SUFFIX_RE.finditer(clean):
            got = self._org_from_suffix(clean, rev, m, stops, stop_list)
            if got:
                spans.append(got)
        bodies = [(m.start(), m.end(), True) for m in _LEVEL_BODY_RE.finditer(clean)]
        bodies += [(m.start(), m.end(), False) for m in _CENTRE_RE.finditer(clean)]
        bodies += [(h.start, h.end, False) for h in listed]
        for s, e, levelled in bodies:
            # 三明市委: the level character is the designation of a place before it.
            if levelled and s + 1 in gpe_by_end:
                s = gpe_by_end[s + 1]
            while s in gpe_by_end:  # 福建省三明市…: adjacent areas before the body
                s = gpe_by_end[s]
            spans.append((s, e))
        for s, e in spans:
            g = _PARTY_GROUP_RE.match(clean, e)
            if g:  # 县科技局党组: the party group of a named body is one mention
                e = g.end()
            yield Hit(s, e, "ORG", None, priority=1)


# Closed lists (provinces, countries, national bodies) and the verbs that stop an organisation
# stem, in one Aho-Corasick automaton read in one pass: a word, its label (STOP for a verb), and
# the characters that, following it, make it part of another word (科技部门 is not 科技部).
_NATIONAL_FOLLOW = "门署分位队件属长"
_STOP = "STOP"


@lru_cache(maxsize=1)
def _lexicon() -> ahocorasick.Automaton:
    entries = [(word, (len(word), _STOP, "")) for word in ORG_STOP_WORDS]
    entries += [(word, (len(word), "GPE", "")) for word in PROVINCES.split() + COUNTRIES.split()]
    entries += [(form, (len(form), "ORG", _NATIONAL_FOLLOW)) for word in NATIONAL_BODIES.split()
                for form in {word, "国家" + word}]  # 国家科技部 names the same ministry
    return automaton.build(entries)


def _lexicon_matches(clean: str) -> tuple[list[Hit], list[Hit], set[int]]:
    """Every occurrence of a closed-list GPE and ORG (overlaps are settled by length later), and
    the ends of the stop verbs."""
    gpes: list[Hit] = []
    orgs: list[Hit] = []
    stop_ends: set[int] = set()
    for end, (n, label, follow) in automaton.matches(_lexicon(), clean):
        if label is _STOP:
            stop_ends.add(end)
        elif not (follow and (nxt := clean[end:end + 1]) and nxt in follow):
            (gpes if label == "GPE" else orgs).append(Hit(end - n, end, label, None, priority=1))
    return gpes, orgs, stop_ends


@lru_cache(maxsize=1)
def _name_rules() -> _NameRules:
    return _NameRules()


class RegexExtractor(CleanTextExtractor):
    """Hand-written rules: numbers, dates, titles, and suffix rules for ORG and GPE."""

    name = "regex"
    kind = "regex"
    labels = ("ORG", "GPE", "DATE", "MONEY", "PERCENT", "QUANTITY", "WORK")

    def __init__(self) -> None:
        self._names = _name_rules()  # the lexicon is loaded here, not on the first document

    def find(self, clean: str) -> list[Hit]:
        hits: list[Hit] = []
        hits.extend(find_works(clean))
        hits.extend(find_dates(clean))
        hits.extend(find_numbers(clean))
        listed_gpes, listed_orgs, stop_ends = _lexicon_matches(clean)
        gpes = self._names.gpe_candidates(clean)
        names = [*self._names.find_gpes(clean, gpes, listed_gpes),
                 *self._names.find_orgs(clean, gpes, listed_orgs, stop_ends)]
        # A name whose text is no valid value (a stray `(xiàng)` the normaliser kept) is dropped.
        # The same mention found twice (a place name and its propagation) is left to
        # `resolve_overlaps`, which keeps the first.
        hits.extend(h for h in names if value_problem(h.label, clean[h.start:h.end]) is None)
        return hits
