import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ReviewHistory as ReviewHistory_e5efecbedd381355be59dfd502eefb68 } from '../../../../src/workflow/admin/ReviewHistory'
import { AuthorField as AuthorField_6ada87f55ac0934032d47f0bfef024dc } from '../../../../src/workflow/admin/AuthorField'
import { StateFilter as StateFilter_63b7805bb27ecdb21ddbf2d998171604 } from '../../../../src/workflow/admin/StateFilter'
import { ReviewActions as ReviewActions_fb023b8fb055d62cc4757ac653262fd9 } from '../../../../src/workflow/admin/ReviewActions'
import { NoPublishButton as NoPublishButton_23e3a60fc3c54e7a3cb8f2231903c06e } from '../../../../src/workflow/admin/NoPublishButton'
import { ReviewStatus as ReviewStatus_c7535f948292368c703608deb298a953 } from '../../../../src/workflow/admin/ReviewStatus'
import { SelectedQuestions as SelectedQuestions_cb0f453ac01394da3b4014140660f00f } from '../../../../src/quiz/admin/SelectedQuestions'
import { StageRowLabel as StageRowLabel_5b132251853110473d9d2485615cb88d } from '../../../../src/people/admin/StageRowLabel'
import { CurrentPasswordField as CurrentPasswordField_1791ea66b536735f0feb193a78e77620 } from '../../../../src/auth/admin/CurrentPasswordField'
import { OrganizationTreeView as OrganizationTreeView_6bdceeaa2a6cfe1e1c3275dfd85fe1ab } from '../../../../src/organizations/admin/OrganizationTreeView'
import { DecisionButtons as DecisionButtons_71e2203afc07648d494a709ad1a30666 } from '../../../../src/privacy/admin/DecisionButtons'
import { TargetCell as TargetCell_ad23d27f3ea958b863740ecf84639bc5 } from '../../../../src/audit/admin/TargetCell'
import { TargetField as TargetField_84d2053652553ebaa201a2cfb7ba0bf7 } from '../../../../src/audit/admin/TargetField'
import { AuditExport as AuditExport_33af66fe3e73fc773f8c9ea5971507b2 } from '../../../../src/audit/admin/AuditExport'
import { Icon as Icon_b04c0db8d89d68ff5dd20d513b3034b9 } from '../../../../src/components/admin/Icon'
import { Logo as Logo_4522c7900ab0b0df414ce3e1574aaee4 } from '../../../../src/components/admin/Logo'
import { SignOnLink as SignOnLink_226676b889545061093a3426527ac313 } from '../../../../src/signon/admin/SignOnLink'
import { SearchNavLink as SearchNavLink_d457a0237af8dae9c849041344d70a22 } from '../../../../src/search/admin/SearchNavLink'
import { CockpitNavLink as CockpitNavLink_0e1046c5b1fe6d5abfa959a8dff3e714 } from '../../../../src/cockpit/admin/CockpitNavLink'
import { NotificationsNavLink as NotificationsNavLink_4744b727790ddc7a36cd45a94cf21dbd } from '../../../../src/cockpit/admin/NotificationsNavLink'
import { ImportNavLink as ImportNavLink_9b6c09ee0c50888f8d9ff25794400c3e } from '../../../../src/import/admin/ImportNavLink'
import { ReviewQueue as ReviewQueue_dcb0f3d580d745b3393c70062d8c0ad7 } from '../../../../src/workflow/admin/ReviewQueue'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { SearchView as SearchView_b6a4f1258cf9b642f209df79aa448e25 } from '../../../../src/search/admin/SearchView'
import { CockpitView as CockpitView_1db65807746a377d620b5e15cf26befd } from '../../../../src/cockpit/admin/CockpitView'
import { ImportView as ImportView_25045ec24038eba08362a7e2834747ec } from '../../../../src/import/admin/ImportView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/src/workflow/admin/ReviewHistory#ReviewHistory": ReviewHistory_e5efecbedd381355be59dfd502eefb68,
  "/src/workflow/admin/AuthorField#AuthorField": AuthorField_6ada87f55ac0934032d47f0bfef024dc,
  "/src/workflow/admin/StateFilter#StateFilter": StateFilter_63b7805bb27ecdb21ddbf2d998171604,
  "/src/workflow/admin/ReviewActions#ReviewActions": ReviewActions_fb023b8fb055d62cc4757ac653262fd9,
  "/src/workflow/admin/NoPublishButton#NoPublishButton": NoPublishButton_23e3a60fc3c54e7a3cb8f2231903c06e,
  "/src/workflow/admin/ReviewStatus#ReviewStatus": ReviewStatus_c7535f948292368c703608deb298a953,
  "/src/quiz/admin/SelectedQuestions#SelectedQuestions": SelectedQuestions_cb0f453ac01394da3b4014140660f00f,
  "/src/people/admin/StageRowLabel#StageRowLabel": StageRowLabel_5b132251853110473d9d2485615cb88d,
  "/src/auth/admin/CurrentPasswordField#CurrentPasswordField": CurrentPasswordField_1791ea66b536735f0feb193a78e77620,
  "/src/organizations/admin/OrganizationTreeView#OrganizationTreeView": OrganizationTreeView_6bdceeaa2a6cfe1e1c3275dfd85fe1ab,
  "/src/privacy/admin/DecisionButtons#DecisionButtons": DecisionButtons_71e2203afc07648d494a709ad1a30666,
  "/src/audit/admin/TargetCell#TargetCell": TargetCell_ad23d27f3ea958b863740ecf84639bc5,
  "/src/audit/admin/TargetField#TargetField": TargetField_84d2053652553ebaa201a2cfb7ba0bf7,
  "/src/audit/admin/AuditExport#AuditExport": AuditExport_33af66fe3e73fc773f8c9ea5971507b2,
  "/src/components/admin/Icon#Icon": Icon_b04c0db8d89d68ff5dd20d513b3034b9,
  "/src/components/admin/Logo#Logo": Logo_4522c7900ab0b0df414ce3e1574aaee4,
  "/src/signon/admin/SignOnLink#SignOnLink": SignOnLink_226676b889545061093a3426527ac313,
  "/src/search/admin/SearchNavLink#SearchNavLink": SearchNavLink_d457a0237af8dae9c849041344d70a22,
  "/src/cockpit/admin/CockpitNavLink#CockpitNavLink": CockpitNavLink_0e1046c5b1fe6d5abfa959a8dff3e714,
  "/src/cockpit/admin/NotificationsNavLink#NotificationsNavLink": NotificationsNavLink_4744b727790ddc7a36cd45a94cf21dbd,
  "/src/import/admin/ImportNavLink#ImportNavLink": ImportNavLink_9b6c09ee0c50888f8d9ff25794400c3e,
  "/src/workflow/admin/ReviewQueue#ReviewQueue": ReviewQueue_dcb0f3d580d745b3393c70062d8c0ad7,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "/src/search/admin/SearchView#SearchView": SearchView_b6a4f1258cf9b642f209df79aa448e25,
  "/src/cockpit/admin/CockpitView#CockpitView": CockpitView_1db65807746a377d620b5e15cf26befd,
  "/src/import/admin/ImportView#ImportView": ImportView_25045ec24038eba08362a7e2834747ec,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
