import OneWindowCore

/// The words synthetic people and employers are made of: real district codes and names of the shipped
/// regions, common surnames by frequency, given-name characters, and the shapes of employer names.
/// Everything here is public knowledge; nothing names a real person.
enum SyntheticNames {
    struct Region {
        /// The policy file's code.
        let code: String
        /// 天津, 沈阳…: the city as it starts an enterprise name.
        let city: String
        /// The province-level name that provincial units carry (天津市 is itself province-level).
        let province: String
        let provinceDivision: String
        /// County-level divisions (GB/T 2260) with their names.
        let districts: [(code: String, name: String)]
        /// Share of the synthetic population.
        let weight: Int
    }

    /// The shipped regions that have division codes (the national policy has none, so no people).
    static let regions: [Region] = [
        Region(code: "tianjin", city: "天津", province: "天津市", provinceDivision: "120000", districts: [
            ("120101", "和平区"), ("120102", "河东区"), ("120103", "河西区"), ("120104", "南开区"), ("120105", "河北区"),
            ("120106", "红桥区"), ("120110", "东丽区"), ("120111", "西青区"), ("120112", "津南区"), ("120113", "北辰区"),
            ("120114", "武清区"), ("120115", "宝坻区"), ("120116", "滨海新区"), ("120117", "宁河区"), ("120118", "静海区"),
            ("120119", "蓟州区"),
        ], weight: 40),
        Region(code: "shenyang", city: "沈阳", province: "辽宁省", provinceDivision: "210000", districts: [
            ("210102", "和平区"), ("210103", "沈河区"), ("210104", "大东区"), ("210105", "皇姑区"), ("210106", "铁西区"),
            ("210111", "苏家屯区"), ("210112", "浑南区"), ("210113", "沈北新区"), ("210114", "于洪区"), ("210115", "辽中区"),
            ("210123", "康平县"), ("210124", "法库县"), ("210181", "新民市"),
        ], weight: 20),
        Region(code: "changzhou", city: "常州", province: "江苏省", provinceDivision: "320000", districts: [
            ("320402", "天宁区"), ("320404", "钟楼区"), ("320411", "新北区"), ("320412", "武进区"), ("320413", "金坛区"),
            ("320481", "溧阳市"),
        ], weight: 20),
        Region(code: "shantou", city: "汕头", province: "广东省", provinceDivision: "440000", districts: [
            ("440507", "龙湖区"), ("440511", "金平区"), ("440512", "濠江区"), ("440513", "潮阳区"), ("440514", "潮南区"),
            ("440515", "澄海区"), ("440523", "南澳县"),
        ], weight: 20),
    ]

    // The common surnames, weighted roughly by their share of the population (per mille).
    static let surnames: [(String, Int)] = [
        ("王", 72), ("李", 72), ("张", 68), ("刘", 54), ("陈", 46), ("杨", 32), ("黄", 25), ("赵", 23), ("吴", 21),
        ("周", 21), ("徐", 17), ("孙", 15), ("马", 15), ("朱", 14), ("胡", 13), ("郭", 12), ("何", 12), ("高", 12),
        ("林", 11), ("罗", 11), ("郑", 10), ("梁", 10), ("谢", 8), ("宋", 8), ("唐", 8), ("许", 7), ("韩", 7),
        ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6), ("肖", 6), ("田", 6), ("董", 6), ("袁", 5),
        ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 5), ("叶", 4), ("程", 4), ("苏", 4),
        ("魏", 4), ("吕", 4), ("丁", 4), ("任", 4), ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 3), ("崔", 3),
        ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3),
        ("夏", 3), ("韦", 3), ("付", 3), ("方", 3), ("白", 3), ("邹", 3), ("孟", 3), ("熊", 3), ("秦", 3),
        ("邱", 3), ("江", 3), ("尹", 3), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2), ("侯", 2), ("龙", 2),
        ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2), ("龚", 2), ("邵", 2),
        ("万", 2), ("钱", 2), ("严", 2), ("覃", 2), ("武", 2), ("戴", 2), ("莫", 2), ("孔", 2), ("向", 2),
        ("欧阳", 1), ("司马", 1), ("诸葛", 1), ("上官", 1),
    ]

    static let femaleGiven: [String] = Array("""
        芳娜敏静丽艳娟霞燕玲婷雪梅琳晶丹慧颖婉瑶欣怡佳倩莉蕾琪淑琴凤洁红萍兰秀英桂玉华春晓雨思嘉涵梓诗雅月\
        悦彤萱璐妍然菲薇蓉
        """).map(String.init)
    static let maleGiven: [String] = Array("""
        伟强磊军洋勇杰涛明超刚辉建国志宏峰鹏波斌宇浩凯俊博轩晨阳海林东亮飞鑫成家荣健龙彬德福民新文平华晓子\
        毅锋昊然睿航哲泽
        """).map(String.init)

    /// A surname by its frequency, then one (a third of the time) or two given-name characters.
    static func personName(_ sex: Sex, _ rng: inout SplitMix64) -> String {
        let surname = rng.weighted(surnames)
        let chars = sex == .female ? femaleGiven : maleGiven
        let count = rng.below(3) == 0 ? 1 : 2
        return surname + (0..<count).map { _ in rng.pick(chars) }.joined()
    }

    // Employer names.
    static let brandChars: [String] = Array("华信达恒泰盛兴隆鑫源宏远安康瑞丰德润中诚金鼎天元博通亿嘉银海星辰").map(String.init)
    static let industries = ["科技", "商贸", "建筑工程", "物流", "餐饮管理", "医药", "机械制造", "电子", "纺织", "印刷",
                             "物业管理", "汽车销售", "食品", "软件", "化工", "家居", "广告", "教育咨询", "环保科技", "服装"]
    static let enterpriseSuffixes: [(String, Int)] = [("有限公司", 70), ("有限责任公司", 20), ("股份有限公司", 10)]
    static let agencies = ["教育局", "卫生健康委员会", "人力资源和社会保障局", "市场监督管理局", "住房和城乡建设局", "民政局",
                           "财政局", "交通运输局", "生态环境局", "文化和旅游局", "司法局", "统计局"]
    static let institutions = ["实验小学", "第一中学", "第二中学", "人民医院", "中医医院", "妇幼保健院", "疾病预防控制中心",
                               "图书馆", "社区卫生服务中心", "职业技术学校"]
    static let provincialBodies = ["地质勘查院", "交通规划设计院", "水利勘测设计院", "测绘院", "环境监测中心", "农业科学院",
                                   "特种设备检验研究院", "建筑科学研究院"]

    static func enterpriseName(_ region: Region, _ rng: inout SplitMix64) -> String {
        region.city + rng.pick(brandChars) + rng.pick(brandChars) + rng.pick(industries) + rng.weighted(enterpriseSuffixes)
    }

    /// 机关 (credit code "11") or 事业单位 ("12") of a district.
    static func governmentName(_ region: Region, agency: Bool, district: String, _ rng: inout SplitMix64) -> String {
        region.city + "市" + district + (agency ? rng.pick(agencies) : rng.pick(institutions))
    }

    static func provincialName(_ region: Region, _ rng: inout SplitMix64) -> String {
        let body = rng.pick(provincialBodies)
        // A province-level body in its own city; a provincial one elsewhere has a branch in this city.
        return region.province == region.city + "市" ? region.province + body : region.province + body + region.city + "分院"
    }
}
