from django.urls import path

from .views import candidates, decisions, files, inputs, proposal_import, proposals, register

app_name = "awards"

urlpatterns = [
    path("awards/", register.award_list, name="award_list"),
    path("awards/export/", register.award_export, name="award_export"),
    path("awards/external/add/", register.external_award_create, name="external_award_create"),
    path("awards/import/", register.award_import, name="award_import"),
    path("awards/import/template/", register.award_import_template, name="award_import_template"),
    path("awards/candidates/", candidates.candidate_list, name="candidates"),
    path("awards/ratings/", inputs.ratings_edit, name="ratings"),
    path("awards/ratings/import/", inputs.ratings_import, name="ratings_import"),
    path("awards/ratings/template/", inputs.ratings_template, name="ratings_template"),
    path("awards/discipline/", inputs.discipline_list, name="discipline_list"),
    path("awards/discipline/add/", inputs.discipline_create, name="discipline_create"),
    path("awards/complaints/add/", inputs.complaint_create, name="complaint_create"),
    path("awards/<int:pk>/certificate.pdf", decisions.certificate, name="certificate"),
    path("awards/<int:pk>/revoke/", decisions.award_revoke, name="award_revoke"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/file/", files.decision_file, name="decision_file"),
    path("decisions/<int:pk>/certificates.pdf", decisions.decision_certificates, name="decision_certificates"),
    path("proposals/", proposals.proposal_list, name="proposal_list"),
    path("proposals/add/", proposals.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/lines/add/", proposals.line_add, name="line_add"),
    path("proposals/<int:pk>/lines/import/", proposal_import.proposal_lines_import, name="proposal_lines_import"),
    path("proposals/<int:pk>/lines/template/", proposal_import.proposal_lines_template, name="proposal_lines_template"),
    path("proposals/<int:pk>/attachments/add/", proposals.attachment_add, name="attachment_add"),
    path("proposals/<int:pk>/attachments/<int:attachment_pk>/", files.proposal_attachment, name="proposal_attachment"),
    path("proposals/<int:pk>/submit/", proposals.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/review/", proposals.proposal_review, name="proposal_review"),
    path("proposals/<int:pk>/return/", proposals.proposal_return, name="proposal_return"),
    path("proposals/<int:pk>/reject/", proposals.proposal_reject, name="proposal_reject"),
    path("proposals/<int:pk>/notice/", proposals.notice_publish, name="notice_publish"),
    path("proposals/<int:pk>/notice/view/", proposals.notice_view, name="notice_view"),
    path("proposals/<int:pk>/notice/comment/", proposals.notice_comment, name="notice_comment"),
    path("proposals/<int:pk>/council/", proposals.council_record, name="council_record"),
    path("proposals/<int:pk>/decision/", proposals.decision_issue, name="decision_issue"),
    path("proposal-lines/<int:pk>/remove/", proposals.line_remove, name="line_remove"),
    path("proposal-lines/<int:pk>/override/", proposals.line_override, name="line_override"),
]
