-- Custom SQL migration file, put your code below! --
-- Each clip's outlet (its source 来源, else its site name, trimmed as outletOf trims) becomes a
-- facet key `outlet:…`, so the overview's top sources and the source facet read the facets
-- instead of every clip's JSON.
UPDATE "clips" SET "facets" = array_append("facets", 'outlet:' || o.outlet)
FROM (
  SELECT "id", coalesce(
    nullif(btrim("data"->>'source', E' \t\r\n\u3000\u00a0'), ''),
    nullif(btrim("data"->>'siteName', E' \t\r\n\u3000\u00a0'), '')
  ) AS outlet
  FROM "clips"
) o
WHERE o."id" = "clips"."id" AND o.outlet IS NOT NULL
  AND NOT ("clips"."facets" @> ARRAY['outlet:' || o.outlet]);
