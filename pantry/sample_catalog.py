"""Sample catalog data (items, donors, storage locations) for seeding a demo food pantry database."""

from __future__ import annotations

from typing import NamedTuple


class SampleItem(NamedTuple):
    """One catalog entry for the sample database (all barcodes are fictitious, with valid GS1 check digits)."""

    name: str
    category: str
    unit: str  # "each", or "lb" / "kg" for items counted by weight
    unit_weight_g: int | None  # grams per "each" unit, packaging included; None for lb/kg items
    unit_value_cents: int  # fair market value per unit (per each, per lb or per kg)
    storage: str  # "dry", "chilled" or "frozen"
    date_kind: str  # "use_by", "best_by" or "none"
    shelf_life_days: int | None  # typical remaining life of a donated item; None when date_kind is "none"
    par_level: int | None  # minimum stock in counting units (each), or grams for lb/kg items
    tags: tuple[str, ...]  # dietary / allergen tags
    barcodes: tuple[str, ...]  # UPC-A, EAN-13 or EAN-8 codes
    case_barcode: str | None  # GTIN-14 of a case of `case_size` units
    case_size: int | None


# Fields: name, category, unit, unit_weight_g, unit_value_cents, storage, date_kind, shelf_life_days, par_level,
#         tags, barcodes, case_barcode, case_size
# fmt: off
SAMPLE_ITEMS: tuple[SampleItem, ...] = (
    # Canned vegetables
    SampleItem(
        "Green beans, canned 14.5 oz", "Canned vegetables", "each", 470, 109, "dry", "best_by", 720, 48, ("vegan",),
        ("024000954255",), "10024000954252", 24,
    ),
    SampleItem(
        "Sweet corn, canned 15.25 oz", "Canned vegetables", "each", 490, 109, "dry", "best_by", 720, 48, ("vegan",),
        ("024000550341", "5091065491211"), "10024000550348", 24,
    ),
    SampleItem(
        "Peas, canned 15 oz", "Canned vegetables", "each", 480, 99, "dry", "best_by", 720, 36, ("vegan",),
        ("041303035030",), None, None,
    ),
    SampleItem(
        "Carrots, sliced, canned 14.5 oz", "Canned vegetables", "each", 470, 99, "dry", "best_by", 720, 24, ("vegan",),
        ("041303446638",), None, None,
    ),
    SampleItem(
        "Diced tomatoes, canned 14.5 oz", "Canned vegetables", "each", 470, 129, "dry", "best_by", 540, 48, ("vegan",),
        ("041190795635",), "10041190795632", 24,
    ),
    SampleItem(
        "Tomato sauce, canned 8 oz", "Canned vegetables", "each", 260, 69, "dry", "best_by", 540, 36, ("vegan",),
        ("041190094547",), None, None,
    ),
    SampleItem(
        "Mixed vegetables, canned 15 oz", "Canned vegetables", "each", 480, 119, "dry", "best_by", 720, 36, ("vegan",),
        ("078742633824",), None, None,
    ),
    SampleItem(
        "Potatoes, sliced, canned 15 oz", "Canned vegetables", "each", 480, 109, "dry", "best_by", 720, 24, ("vegan",),
        ("078742606057",), None, None,
    ),
    SampleItem(
        "Spinach, canned 13.5 oz", "Canned vegetables", "each", 440, 149, "dry", "best_by", 720, None, ("vegan",),
        ("024000865162",), None, None,
    ),
    SampleItem(
        "Crushed tomatoes, canned 28 oz", "Canned vegetables", "each", 880, 219, "dry", "best_by", 540, 12, ("vegan",),
        ("041190750191", "8792045380583"), None, None,
    ),

    # Canned fruit
    SampleItem(
        "Peaches, sliced in juice 15 oz", "Canned fruit", "each", 480, 169, "dry", "best_by", 540, 36, ("vegan",),
        ("024000033554",), "10024000033551", 24,
    ),
    SampleItem(
        "Pears, halves in juice 15 oz", "Canned fruit", "each", 480, 179, "dry", "best_by", 540, 24, ("vegan",),
        ("024000860822",), None, None,
    ),
    SampleItem(
        "Fruit cocktail in juice 15 oz", "Canned fruit", "each", 480, 169, "dry", "best_by", 540, 24, ("vegan",),
        ("041303144091",), None, None,
    ),
    SampleItem(
        "Mandarin oranges, canned 11 oz", "Canned fruit", "each", 350, 139, "dry", "best_by", 540, 24, ("vegan",),
        ("078742749921",), None, None,
    ),
    SampleItem(
        "Pineapple chunks in juice 20 oz", "Canned fruit", "each", 640, 199, "dry", "best_by", 720, 12, ("vegan",),
        ("038900135577",), None, None,
    ),
    SampleItem(
        "Applesauce, unsweetened 24 oz jar", "Canned fruit", "each", 780, 259, "dry", "best_by", 540, 12,
        ("vegan", "sugar_free"), ("041303760147",), None, None,
    ),
    SampleItem(
        "Applesauce cups (6 pack)", "Canned fruit", "each", 650, 299, "dry", "best_by", 365, 12, ("vegan",),
        ("078742327969",), None, None,
    ),

    # Canned protein
    SampleItem(
        "Tuna, chunk light in water 5 oz", "Canned protein", "each", 165, 119, "dry", "best_by", 720, 72,
        ("kosher", "fish"), ("080000224903",), "10080000224900", 48,
    ),
    SampleItem(
        "Chicken breast, canned 12.5 oz", "Canned protein", "each", 400, 399, "dry", "best_by", 720, 24, ("chicken",),
        ("037600807517",), "10037600807514", 12,
    ),
    SampleItem(
        "Salmon, pink, canned 14.75 oz", "Canned protein", "each", 470, 449, "dry", "best_by", 720, 12, ("fish",),
        ("041190656141",), None, None,
    ),
    SampleItem(
        "Sardines in oil 3.75 oz", "Canned protein", "each", 125, 169, "dry", "best_by", 720, None,
        ("fish",), ("50053230",), None, None,
    ),
    SampleItem(
        "Corned beef, canned 12 oz", "Canned protein", "each", 380, 499, "dry", "best_by", 720, None, ("beef",),
        ("5052691595643",), None, None,
    ),
    SampleItem(
        "Luncheon meat, canned 12 oz", "Canned protein", "each", 380, 379, "dry", "best_by", 720, 12, ("pork",),
        ("037600190695",), None, None,
    ),
    SampleItem(
        "Beef stew, canned 20 oz", "Canned protein", "each", 620, 329, "dry", "best_by", 720, 12, ("beef", "gluten"),
        ("037600784436",), None, None,
    ),
    SampleItem(
        "Chili with beans, canned 15 oz", "Canned protein", "each", 480, 249, "dry", "best_by", 720, 24, ("beef",),
        ("037600682145",), None, None,
    ),

    # Beans & legumes
    SampleItem(
        "Black beans, canned 15 oz", "Beans & legumes", "each", 480, 109, "dry", "best_by", 720, 48, ("vegan",),
        ("039400483267",), "10039400483264", 24,
    ),
    SampleItem(
        "Pinto beans, canned 15 oz", "Beans & legumes", "each", 480, 109, "dry", "best_by", 720, 36, ("vegan",),
        ("039400653677",), None, None,
    ),
    SampleItem(
        "Kidney beans, canned 15 oz", "Beans & legumes", "each", 480, 109, "dry", "best_by", 720, 24, ("vegan",),
        ("039400030157", "5492595387683"), None, None,
    ),
    SampleItem(
        "Chickpeas, canned 15 oz", "Beans & legumes", "each", 480, 119, "dry", "best_by", 720, 24, ("vegan",),
        ("041190090983",), None, None,
    ),
    SampleItem(
        "Baked beans in tomato sauce 15 oz", "Beans & legumes", "each", 480, 149, "dry", "best_by", 720, 36, ("vegan",),
        ("5017290084066",), None, None,
    ),
    SampleItem(
        "Refried beans, fat free 16 oz", "Beans & legumes", "each", 510, 149, "dry", "best_by", 720, 12, ("vegan",),
        ("041303430743",), None, None,
    ),
    SampleItem(
        "Lentils, dry 1 lb", "Beans & legumes", "each", 470, 179, "dry", "best_by", 540, 24, ("vegan",),
        ("039400224600",), None, None,
    ),
    SampleItem(
        "Pinto beans, dry 2 lb", "Beans & legumes", "each", 920, 299, "dry", "best_by", 540, 12, ("vegan",),
        ("078742291055",), None, None,
    ),

    # Grains & pasta
    SampleItem(
        "Spaghetti 1 lb", "Grains & pasta", "each", 470, 129, "dry", "best_by", 365, 48, ("gluten", "vegan"),
        ("076808241853",), "10076808241850", 20,
    ),
    SampleItem(
        "Penne pasta 1 lb", "Grains & pasta", "each", 470, 129, "dry", "best_by", 365, 36, ("gluten", "vegan"),
        ("076808755459", "8032695294077"), None, None,
    ),
    SampleItem(
        "Elbow macaroni 1 lb", "Grains & pasta", "each", 470, 119, "dry", "best_by", 365, 36, ("gluten", "vegan"),
        ("041303561362",), None, None,
    ),
    SampleItem(
        "Egg noodles 12 oz", "Grains & pasta", "each", 360, 199, "dry", "best_by", 365, 12,
        ("gluten", "egg", "vegetarian"), ("041303644423",), None, None,
    ),
    SampleItem(
        "Macaroni & cheese, boxed 7.25 oz", "Grains & pasta", "each", 230, 109, "dry", "best_by", 365, 48,
        ("gluten", "dairy", "vegetarian"), ("021000787791",), "10021000787798", 12,
    ),
    SampleItem(
        "Rice, long grain 2 lb", "Grains & pasta", "each", 920, 249, "dry", "best_by", 720, 24, ("vegan",),
        ("017400558949",), "10017400558946", 12,
    ),
    SampleItem(
        "Brown rice 2 lb", "Grains & pasta", "each", 920, 299, "dry", "best_by", 365, 12, ("vegan",), ("017400091101",),
        None, None,
    ),
    SampleItem(
        "Rice, bulk (by weight)", "Grains & pasta", "lb", None, 89, "dry", "best_by", 540, 22680, ("vegan",), (), None,
        None,
    ),
    SampleItem(
        "Ramen noodles, chicken flavor 3 oz", "Grains & pasta", "each", 90, 35, "dry", "best_by", 365, 60,
        ("gluten", "soy"), ("070662208601",), None, None,
    ),
    SampleItem(
        "Instant mashed potatoes 13.75 oz", "Grains & pasta", "each", 400, 299, "dry", "best_by", 365, None,
        ("dairy", "vegetarian"), ("041303469286",), None, None,
    ),
    SampleItem(
        "Couscous 10 oz", "Grains & pasta", "each", 300, 249, "dry", "best_by", 365, None, ("gluten", "vegan"),
        ("4044120170157",), None, None,
    ),

    # Breakfast
    SampleItem(
        "Oatmeal, old fashioned 18 oz", "Breakfast", "each", 540, 349, "dry", "best_by", 365, 24, ("vegan",),
        ("030000239759",), "10030000239756", 12,
    ),
    SampleItem(
        "Instant oatmeal packets (10 ct)", "Breakfast", "each", 430, 349, "dry", "best_by", 365, 24, ("vegan",),
        ("030000921746",), None, None,
    ),
    SampleItem(
        "Corn flakes cereal 12 oz", "Breakfast", "each", 380, 329, "dry", "best_by", 270, 24, ("gluten", "vegan"),
        ("038000167881",), None, None,
    ),
    SampleItem(
        "Toasted oat cereal 12 oz", "Breakfast", "each", 380, 379, "dry", "best_by", 270, 24, ("vegan",),
        ("016000587175",), None, None,
    ),
    SampleItem(
        "Bran flakes cereal 16 oz", "Breakfast", "each", 490, 349, "dry", "best_by", 270, None, ("gluten", "vegan"),
        ("038000757815", "5099790537457"), None, None,
    ),
    SampleItem(
        "Pancake mix 32 oz", "Breakfast", "each", 950, 299, "dry", "best_by", 365, 12, ("gluten", "vegetarian"),
        ("030000588529",), None, None,
    ),
    SampleItem(
        "Pancake syrup 24 oz", "Breakfast", "each", 800, 299, "dry", "best_by", 540, 12, ("vegan",), ("030000277836",),
        None, None,
    ),
    SampleItem(
        "Grits, quick 24 oz", "Breakfast", "each", 720, 279, "dry", "best_by", 365, None, ("vegan",), ("030000756232",),
        None, None,
    ),

    # Soups
    SampleItem(
        "Chicken noodle soup 10.75 oz", "Soups", "each", 350, 129, "dry", "best_by", 540, 48,
        ("gluten", "egg", "chicken"), ("051000722409",), "10051000722406", 24,
    ),
    SampleItem(
        "Tomato soup 10.75 oz", "Soups", "each", 350, 109, "dry", "best_by", 540, 36, ("gluten", "vegan"),
        ("051000328090",), None, None,
    ),
    SampleItem(
        "Vegetable soup 19 oz", "Soups", "each", 600, 229, "dry", "best_by", 540, 24, ("vegan",), ("051000970701",),
        None, None,
    ),
    SampleItem(
        "Cream of mushroom soup 10.5 oz", "Soups", "each", 340, 139, "dry", "best_by", 540, 24,
        ("dairy", "gluten", "vegetarian"), ("051000134301",), None, None,
    ),
    SampleItem(
        "Chicken broth 32 oz carton", "Soups", "each", 1000, 249, "dry", "best_by", 365, 12,
        ("chicken",), ("051000671455",), None, None,
    ),
    SampleItem(
        "Lentil soup, ready to serve 19 oz", "Soups", "each", 600, 249, "dry", "best_by", 540, 12, ("vegan",),
        ("041303871324",), None, None,
    ),

    # Baking
    SampleItem(
        "All-purpose flour 5 lb", "Baking", "each", 2290, 329, "dry", "best_by", 365, 12, ("gluten", "vegan"),
        ("016000318649",), None, None,
    ),
    SampleItem(
        "Granulated sugar 4 lb", "Baking", "each", 1830, 379, "dry", "best_by", 720, 12, ("vegan",), ("049200598368",),
        None, None,
    ),
    SampleItem(
        "Brown sugar 2 lb", "Baking", "each", 920, 279, "dry", "best_by", 720, None, ("vegan",), ("049200591284",),
        None, None,
    ),
    SampleItem(
        "Cornbread mix 8.5 oz", "Baking", "each", 250, 89, "dry", "best_by", 365, 24, ("gluten", "dairy", "vegetarian"),
        ("071300528150",), None, None,
    ),
    SampleItem(
        "Cake mix, yellow 15.25 oz", "Baking", "each", 450, 199, "dry", "best_by", 365, None,
        ("gluten", "soy", "vegetarian"), ("016000423756",), None, None,
    ),
    SampleItem(
        "Baking soda 1 lb", "Baking", "each", 470, 129, "dry", "best_by", 720, None, ("vegan",), ("033200180784",),
        None, None,
    ),
    SampleItem(
        "Cornmeal, yellow 2 lb", "Baking", "each", 920, 299, "dry", "best_by", 365, None, ("vegan",), ("041303375235",),
        None, None,
    ),

    # Condiments & oils
    SampleItem(
        "Vegetable oil 48 oz", "Condiments & oils", "each", 1400, 449, "dry", "best_by", 540, 12, ("vegan",),
        ("027000463208",), None, None,
    ),
    SampleItem(
        "Peanut butter 16 oz", "Condiments & oils", "each", 520, 279, "dry", "best_by", 365, 36,
        ("peanuts", "vegetarian"), ("051500268742",), "10051500268749", 12,
    ),
    SampleItem(
        "Grape jelly 18 oz", "Condiments & oils", "each", 620, 229, "dry", "best_by", 540, 24, ("vegan",),
        ("051500965108",), None, None,
    ),
    SampleItem(
        "Ketchup 20 oz", "Condiments & oils", "each", 650, 219, "dry", "best_by", 365, 12, ("vegan",),
        ("013000079068",), None, None,
    ),
    SampleItem(
        "Mayonnaise 30 oz", "Condiments & oils", "each", 950, 449, "dry", "best_by", 270, None, ("egg", "vegetarian"),
        ("048001880863",), None, None,
    ),
    SampleItem(
        "Pasta sauce, marinara 24 oz", "Condiments & oils", "each", 900, 229, "dry", "best_by", 540, 24, ("vegan",),
        ("036200050668",), "10036200050665", 12,
    ),
    SampleItem(
        "Salt, iodized 26 oz", "Condiments & oils", "each", 790, 99, "dry", "best_by", 1095, None, ("vegan",),
        ("024600007078",), None, None,
    ),

    # Snacks
    SampleItem(
        "Saltine crackers 16 oz", "Snacks", "each", 510, 299, "dry", "best_by", 270, 12, ("gluten", "vegan"),
        ("044000305390",), None, None,
    ),
    SampleItem(
        "Granola bars (6 ct)", "Snacks", "each", 240, 299, "dry", "best_by", 270, 24, ("gluten", "soy", "vegetarian"),
        ("016000025035",), None, None,
    ),
    SampleItem(
        "Peanut butter crackers (8 pack)", "Snacks", "each", 320, 349, "dry", "best_by", 270, 12,
        ("peanuts", "gluten", "dairy", "vegetarian"), ("044000740603",), None, None,
    ),
    SampleItem(
        "Raisins, boxes (6 pack)", "Snacks", "each", 200, 299, "dry", "best_by", 365, 12, ("vegan",), ("041143955697",),
        None, None,
    ),
    SampleItem(
        "Trail mix 26 oz", "Snacks", "each", 780, 799, "dry", "best_by", 270, None, ("nuts", "peanuts", "vegetarian"),
        ("078742113616",), None, None,
    ),
    SampleItem(
        "Graham crackers 14.4 oz", "Snacks", "each", 450, 329, "dry", "best_by", 270, None, ("gluten", "vegetarian"),
        ("044000086770",), None, None,
    ),

    # Beverages
    SampleItem(
        "Apple juice 64 oz", "Beverages", "each", 2000, 279, "dry", "best_by", 365, 12, ("vegan",), ("048500054611",),
        "10048500054618", 8,
    ),
    SampleItem(
        "Grape juice 64 oz", "Beverages", "each", 2050, 329, "dry", "best_by", 365, None, ("vegan",), ("041800441983",),
        None, None,
    ),
    SampleItem(
        "Shelf-stable milk 1 qt (UHT)", "Beverages", "each", 1010, 229, "dry", "best_by", 180, 24,
        ("dairy", "vegetarian"), ("041383012532", "5082551567114"), None, None,
    ),
    SampleItem(
        "Ground coffee 11.3 oz", "Beverages", "each", 360, 699, "dry", "best_by", 365, None, ("vegan",),
        ("037466506647",), None, None,
    ),
    SampleItem(
        "Tea bags (100 ct)", "Beverages", "each", 260, 399, "dry", "best_by", 540, None, ("vegan",), ("5075320885670",),
        None, None,
    ),
    SampleItem(
        "Bottled water (24 pack, 16.9 oz)", "Beverages", "each", 12300, 449, "dry", "best_by", 720, 6, ("vegan",),
        ("078742324166",), None, None,
    ),

    # Dairy
    SampleItem(
        "Milk, 2% reduced fat 1 gal", "Dairy", "each", 3950, 379, "chilled", "use_by", 7, 20, ("dairy", "vegetarian"),
        ("041383880537",), None, None,
    ),
    SampleItem(
        "Milk, whole 1/2 gal", "Dairy", "each", 2000, 259, "chilled", "use_by", 7, 12, ("dairy", "vegetarian"),
        ("041383052507",), None, None,
    ),
    SampleItem(
        "Cheddar cheese, shredded 8 oz", "Dairy", "each", 240, 279, "chilled", "use_by", 30, 12,
        ("dairy", "vegetarian"), ("021000305179",), None, None,
    ),
    SampleItem(
        "Yogurt, vanilla 32 oz", "Dairy", "each", 950, 329, "chilled", "use_by", 14, 12, ("dairy", "vegetarian"),
        ("070470889153",), None, None,
    ),
    SampleItem(
        "Butter, salted 1 lb", "Dairy", "each", 470, 499, "chilled", "use_by", 60, None,
        ("dairy", "vegetarian", "kosher"), ("034500947442",), None, None,
    ),
    SampleItem(
        "American cheese slices 12 oz", "Dairy", "each", 360, 299, "chilled", "use_by", 45, None,
        ("dairy", "vegetarian"), ("021000947751",), None, None,
    ),

    # Eggs
    SampleItem(
        "Eggs, large, dozen", "Eggs", "each", 680, 349, "chilled", "use_by", 21, 30, ("egg", "vegetarian"),
        ("071475733779",), None, None,
    ),
    SampleItem(
        "Eggs, large, 18 ct", "Eggs", "each", 1020, 499, "chilled", "use_by", 21, 12, ("egg", "vegetarian"),
        ("071475804523",), None, None,
    ),

    # Meat & fish
    SampleItem(
        "Ground beef, frozen 1 lb", "Meat & fish", "each", 470, 599, "frozen", "use_by", 180, 40, ("beef",),
        ("072745243707",), None, None,
    ),
    SampleItem(
        "Chicken leg quarters, frozen 10 lb bag", "Meat & fish", "each", 4560, 1099, "frozen", "use_by", 180, 10,
        ("chicken",), (), None, None,
    ),
    SampleItem(
        "Chicken breast, boneless, halal, frozen 3 lb", "Meat & fish", "each", 1380, 999, "frozen", "use_by", 180, 12,
        ("halal",), ("072745763571",), None, None,
    ),
    SampleItem(
        "Pork chops, frozen 2 lb", "Meat & fish", "each", 920, 799, "frozen", "use_by", 180, None, ("pork",),
        ("070800675548",), None, None,
    ),
    SampleItem(
        "Tilapia fillets, frozen 2 lb", "Meat & fish", "each", 920, 899, "frozen", "use_by", 180, None, ("fish",),
        ("072745396618",), None, None,
    ),
    SampleItem(
        "Turkey, whole, frozen (by weight)", "Meat & fish", "lb", None, 149, "frozen", "use_by", 180, 9000,
        ("poultry",), (), None, None,
    ),
    SampleItem(
        "Hot dogs, beef 1 lb", "Meat & fish", "each", 470, 399, "chilled", "use_by", 30, 12, ("beef", "kosher"),
        ("070800871230",), None, None,
    ),
    SampleItem(
        "Deli ham, sliced 1 lb", "Meat & fish", "each", 470, 599, "chilled", "use_by", 14, None, ("pork",),
        ("070800242849",), None, None,
    ),

    # Frozen
    SampleItem(
        "Mixed vegetables, frozen 16 oz", "Frozen", "each", 470, 179, "frozen", "best_by", 240, 24, ("vegan",),
        ("071430542262",), None, None,
    ),
    SampleItem(
        "Broccoli florets, frozen 12 oz", "Frozen", "each", 360, 199, "frozen", "best_by", 240, 12, ("vegan",),
        ("071430089736",), None, None,
    ),
    SampleItem(
        "Fish sticks, frozen 24 oz", "Frozen", "each", 720, 599, "frozen", "use_by", 180, None, ("gluten", "fish"),
        ("044500619508",), None, None,
    ),
    SampleItem(
        "Lasagna with meat sauce, frozen 10.5 oz", "Frozen", "each", 320, 349, "frozen", "use_by", 180, 12,
        ("gluten", "dairy", "beef"), ("013800238474",), None, None,
    ),
    SampleItem(
        "Cheese pizza, frozen 20 oz", "Frozen", "each", 620, 499, "frozen", "use_by", 180, None,
        ("gluten", "dairy", "vegetarian"), ("071921041113",), None, None,
    ),

    # Fresh produce
    SampleItem(
        "Apples (by weight)", "Fresh produce", "lb", None, 169, "chilled", "best_by", 20, 9072, ("vegan",), (), None,
        None,
    ),
    SampleItem(
        "Bananas (by weight)", "Fresh produce", "lb", None, 59, "dry", "best_by", 5, 4536, ("vegan",), (), None, None,
    ),
    SampleItem(
        "Potatoes, russet (by weight)", "Fresh produce", "lb", None, 99, "dry", "best_by", 20, 11340, ("vegan",), (),
        None, None,
    ),
    SampleItem(
        "Onions, yellow (by weight)", "Fresh produce", "lb", None, 119, "dry", "best_by", 20, 4536, ("vegan",), (),
        None, None,
    ),
    SampleItem(
        "Mixed produce (by weight)", "Fresh produce", "lb", None, 150, "chilled", "best_by", 5, 13608, ("vegan",), (),
        None, None,
    ),
    SampleItem(
        "Tomatoes, loose (by weight)", "Fresh produce", "kg", None, 440, "chilled", "best_by", 7, 5000, ("vegan",), (),
        None, None,
    ),
    SampleItem(
        "Carrots, bagged 2 lb", "Fresh produce", "each", 920, 229, "chilled", "best_by", 20, 12, ("vegan",),
        ("033383851853",), None, None,
    ),
    SampleItem(
        "Oranges, bagged 4 lb", "Fresh produce", "each", 1830, 599, "chilled", "best_by", 14, None, ("vegan",),
        ("033383761350",), None, None,
    ),
    SampleItem(
        "Romaine hearts (3 ct)", "Fresh produce", "each", 560, 399, "chilled", "best_by", 7, None, ("vegan",),
        ("071279824826",), None, None,
    ),
    SampleItem(
        "Cabbage, green (head)", "Fresh produce", "each", 1100, 199, "chilled", "best_by", 20, None, ("vegan",), (),
        None, None,
    ),

    # Bread & bakery
    SampleItem(
        "Bread, white sandwich loaf 20 oz", "Bread & bakery", "each", 570, 229, "dry", "best_by", 5, 40,
        ("gluten", "soy", "vegan"), ("072250610520",), None, None,
    ),
    SampleItem(
        "Bread, whole wheat loaf 24 oz", "Bread & bakery", "each", 680, 329, "dry", "best_by", 5, 20,
        ("gluten", "vegan"), ("072250275446",), None, None,
    ),
    SampleItem(
        "Bagels, plain (6 ct)", "Bread & bakery", "each", 570, 299, "dry", "best_by", 5, None, ("gluten", "vegan"),
        ("072030311487",), None, None,
    ),
    SampleItem(
        "Tortillas, flour (10 ct)", "Bread & bakery", "each", 450, 279, "dry", "best_by", 14, 12, ("gluten", "vegan"),
        ("073731079928",), None, None,
    ),

    # Baby
    SampleItem(
        "Infant formula, milk-based powder 12.4 oz", "Baby", "each", 420, 1799, "dry", "use_by", 365, 12, ("dairy",),
        ("070074015057",), "10070074015054", 6,
    ),
    SampleItem(
        "Infant formula, soy-based powder 12.9 oz", "Baby", "each", 430, 1899, "dry", "use_by", 365, 6, ("soy",),
        ("070074274751",), None, None,
    ),
    SampleItem(
        "Baby food, fruit puree 4 oz jar", "Baby", "each", 200, 129, "dry", "best_by", 365, 24, ("vegan",),
        ("015000821913",), None, None,
    ),
    SampleItem(
        "Baby food, vegetable puree 4 oz jar", "Baby", "each", 200, 129, "dry", "best_by", 365, 24, ("vegan",),
        ("015000182052",), None, None,
    ),
    SampleItem(
        "Baby cereal, oatmeal 8 oz", "Baby", "each", 250, 349, "dry", "best_by", 365, 6, ("vegan",), ("015000981815",),
        None, None,
    ),
    SampleItem(
        "Diapers size 1 (pack of 32)", "Baby", "each", 850, 999, "dry", "none", None, 10, (), ("037000141099",), None,
        None,
    ),
    SampleItem(
        "Diapers size 3 (pack of 25)", "Baby", "each", 950, 999, "dry", "none", None, 10, (), ("037000652175",), None,
        None,
    ),
    SampleItem(
        "Diapers size 5 (pack of 20)", "Baby", "each", 980, 999, "dry", "none", None, 10, (), ("036000205091",), None,
        None,
    ),
    SampleItem(
        "Training pants 3T-4T (pack of 22)", "Baby", "each", 1000, 1299, "dry", "none", None, None, (),
        ("036000597219",), None, None,
    ),
    SampleItem(
        "Baby wipes (80 ct)", "Baby", "each", 480, 299, "dry", "none", None, 12, (), ("036000690231", "5070569029557"),
        None, None,
    ),

    # Hygiene
    SampleItem(
        "Toothpaste 4 oz", "Hygiene", "each", 130, 199, "dry", "none", None, 36, (), ("035000100825",), None, None,
    ),
    SampleItem(
        "Toothbrush, adult", "Hygiene", "each", 25, 99, "dry", "none", None, 36, (), ("50922093",), None, None,
    ),
    SampleItem(
        "Toothbrush, child", "Hygiene", "each", 20, 99, "dry", "none", None, 24, (), ("96834466",), None, None,
    ),
    SampleItem(
        "Bar soap (3 pack)", "Hygiene", "each", 350, 299, "dry", "none", None, 24, (), ("011111414891",), None, None,
    ),
    SampleItem(
        "Shampoo 12 oz", "Hygiene", "each", 390, 349, "dry", "none", None, 24, (), ("037000984474",), None, None,
    ),
    SampleItem(
        "Conditioner 12 oz", "Hygiene", "each", 390, 349, "dry", "none", None, None, (), ("037000030898",), None, None,
    ),
    SampleItem(
        "Deodorant 2.6 oz", "Hygiene", "each", 95, 349, "dry", "none", None, 24, (), ("012044255384",), None, None,
    ),
    SampleItem(
        "Menstrual pads (pack of 36)", "Hygiene", "each", 600, 699, "dry", "none", None, 24, (), ("037000853589",),
        None, None,
    ),
    SampleItem(
        "Tampons, regular (pack of 36)", "Hygiene", "each", 300, 799, "dry", "none", None, 12, (), ("036000791617",),
        None, None,
    ),
    SampleItem(
        "Razors, disposable (pack of 5)", "Hygiene", "each", 80, 499, "dry", "none", None, None, (), ("047400791824",),
        None, None,
    ),
    SampleItem(
        "Lotion, unscented 16 oz", "Hygiene", "each", 520, 599, "dry", "none", None, None, (), ("038137125549",), None,
        None,
    ),
    SampleItem(
        "Body wash 18 oz", "Hygiene", "each", 580, 499, "dry", "none", None, 12, (), ("011111341036", "4080490272763"),
        None, None,
    ),

    # Household
    SampleItem(
        "Toilet paper (4 rolls)", "Household", "each", 500, 449, "dry", "none", None, 24, (), ("030772251492",), None,
        None,
    ),
    SampleItem(
        "Paper towels (2 rolls)", "Household", "each", 400, 499, "dry", "none", None, 12, (), ("030772947692",), None,
        None,
    ),
    SampleItem(
        "Dish soap 19.4 oz", "Household", "each", 620, 249, "dry", "none", None, 12, (), ("037000923978",), None, None,
    ),
    SampleItem(
        "Laundry detergent 50 oz", "Household", "each", 1600, 799, "dry", "none", None, 12, (), ("037000297659",), None,
        None,
    ),
    SampleItem(
        "Trash bags, 13 gal (40 ct)", "Household", "each", 900, 799, "dry", "none", None, None, (), ("012587568521",),
        None, None,
    ),
    SampleItem(
        "All-purpose cleaner spray 32 oz", "Household", "each", 1050, 349, "dry", "none", None, None, (),
        ("019800027148",), None, None,
    ),

    # Clothing
    SampleItem(
        "Clothing, mixed (by weight)", "Clothing", "lb", None, 150, "dry", "none", None, None, (), (), None, None,
    ),
    SampleItem(
        "Children's clothing (by weight)", "Clothing", "lb", None, 150, "dry", "none", None, None, (), (), None, None,
    ),
    SampleItem(
        "Coats & outerwear (by weight)", "Clothing", "kg", None, 660, "dry", "none", None, 5000, (), (), None, None,
    ),
)
# fmt: on

SAMPLE_DONORS: tuple[tuple[str, str], ...] = (
    ("Jane Whitaker", "individual"),
    ("The Okafor Family", "individual"),
    ("Tom & Linda Reyes", "individual"),
    ("Priya Sharma", "individual"),
    ("Riverside Grocery", "business"),
    ("Hometown Bakery & Cafe", "business"),
    ("Main Street Pharmacy", "business"),
    ("Greenleaf Produce Distributors", "business"),
    ("Maple Street Community Garden", "farm"),
    ("Sunny Acres Farm", "farm"),
    ("Hillside Orchards", "farm"),
    ("Two Rivers Family Farm", "farm"),
    ("St. Anne's School Food Drive", "food_drive"),
    ("Scout Troop 212 Food Drive", "food_drive"),
    ("Letter Carriers' Stamp Out Hunger Drive", "food_drive"),
    ("Lincoln High Canned Food Challenge", "food_drive"),
    ("Tri-County Regional Food Bank", "food_bank"),
    ("Northside Community Food Bank", "food_bank"),
    ("Valley Harvest Food Bank", "food_bank"),
    ("TEFAP / USDA Commodities", "government"),
    ("CSFP Senior Food Boxes (USDA)", "government"),
    ("County Emergency Food Program", "government"),
    ("Cash purchase - Costco run", "purchase"),
    ("Cash purchase - Aldi", "purchase"),
    ("Bulk order - Restaurant Depot", "purchase"),
    ("Grant-funded purchase - wholesale", "purchase"),
    ("Anonymous", "anonymous"),
)

SAMPLE_LOCATIONS: tuple[tuple[str, str], ...] = (
    ("Main", "dry"),
    ("Walk-in cooler", "chilled"),
    ("Chest freezer", "frozen"),
)
