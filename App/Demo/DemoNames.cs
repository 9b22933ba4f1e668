namespace Prepaid.App.Demo;

/// <summary>Word lists for realistic, deterministic tenant names (Chinese with an English rendering).</summary>
internal static class DemoNames
{
    public static readonly (string Zh, string En)[] Stems =
    [
        ("金禾", "Jinhe"), ("悦享", "Yuexiang"), ("青山", "Qingshan"), ("云朵", "Yunduo"), ("星河", "Xinghe"),
        ("锦绣", "Jinxiu"), ("喜来", "Xilai"), ("百味", "Baiwei"), ("东方", "Dongfang"), ("嘉华", "Jiahua"),
        ("新元", "Xinyuan"), ("黔香", "Qianxiang"), ("苗岭", "Miaoling"), ("毛尖", "Maojian"), ("清泉", "Qingquan"),
        ("荷塘", "Hetang"), ("橙意", "Chengyi"), ("米兰", "Milan"), ("安心", "Anxin"), ("阳光", "Sunshine"),
        ("友家", "Youjia"), ("海棠", "Haitang"), ("蓝湾", "Blue Bay"), ("沐风", "Mufeng"), ("知味", "Zhiwei"),
        ("小满", "Xiaoman"), ("拾光", "Shiguang"), ("初见", "Chujian"), ("晴天", "Sunny Day"), ("花间", "Huajian"),
        ("森屿", "Senyu"), ("麦田", "Wheatfield"), ("一品", "Yipin"), ("福满", "Fuman"), ("乐活", "Lohas"),
        ("星辰", "Stardust"), ("晨曦", "Chenxi"), ("如意", "Ruyi"), ("和顺", "Heshun"), ("剑江", "Jianjiang"),
    ];

    public static readonly (string Zh, string En)[] RetailKinds =
    [
        ("服饰", "Fashion"), ("鞋业", "Shoes"), ("眼镜", "Optical"), ("珠宝", "Jewellery"), ("童装", "Kids Wear"),
        ("美妆", "Cosmetics"), ("数码", "Digital"), ("家居", "Home"), ("书店", "Books"), ("运动", "Sports"),
        ("箱包", "Bags"), ("手机", "Mobile"), ("内衣", "Lingerie"), ("玩具", "Toys"), ("茶叶", "Tea House"),
    ];

    public static readonly (string Zh, string En)[] RestaurantKinds =
    [
        ("酸汤鱼", "Sour Soup Fish"), ("火锅", "Hotpot"), ("川菜馆", "Sichuan Kitchen"), ("烤鱼", "Grilled Fish"),
        ("粤菜", "Cantonese"), ("牛排馆", "Steakhouse"), ("日料", "Japanese"), ("烧烤", "Barbecue"),
    ];

    public static readonly (string Zh, string En)[] FoodCourtKinds =
    [
        ("米粉", "Rice Noodles"), ("面馆", "Noodle Bar"), ("饺子", "Dumplings"), ("小吃", "Snacks"),
        ("卤味", "Braised Bites"), ("煲仔饭", "Claypot Rice"), ("麻辣烫", "Malatang"), ("肠旺面", "Changwang Noodles"),
    ];

    public static readonly (string Zh, string En)[] CafeKinds =
    [
        ("咖啡", "Coffee"), ("奶茶", "Milk Tea"), ("甜品", "Desserts"), ("面包坊", "Bakery"),
    ];

    public static readonly (string Zh, string En)[] ServiceKinds =
    [
        ("美发", "Hair Salon"), ("美甲", "Nail Studio"), ("口腔诊所", "Dental Clinic"), ("洗衣", "Laundry"),
        ("摄影", "Photo Studio"), ("健身", "Fitness"),
    ];

    public static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "高", "林", "龙", "吴", "潘", "杨", "石"];

    public static readonly string[] GivenNames =
        ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "建华", "晓燕", "海燕", "雪梅", "志强", "文静", "俊杰", "欣怡", "子涵"];

    public static readonly int[] MobilePrefixes =
        [130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 158, 159, 177, 180, 181, 182, 183, 185, 186, 187, 188, 189, 199];
}
