-- Every process caches the organisation tree (src/organizations/tree.ts) and LISTENs on this
-- channel: any change of the tree, by the admin, a script or another instance, reaches them all.
CREATE OR REPLACE FUNCTION organization_tree_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('organization_tree', TG_OP);
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS organizations_tree_changed ON organizations;
CREATE TRIGGER organizations_tree_changed
  AFTER INSERT OR DELETE OR UPDATE OF parent_id OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION organization_tree_changed();
